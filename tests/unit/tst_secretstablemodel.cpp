// SecretsTableModel and SecretsProxyModel under QAbstractItemModelTester, fed by a real local
// vault's signals and directly.

#include "SecretsProxyModel.h"
#include "SecretsTableModel.h"
#include "TestSupport.h"
#include "vault/LocalVaultStore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using TestSupport::await;

namespace {

Secret secret(const QString& name, qint64 createdMs = 0)
{
    Secret s;
    s.id = QUuid::createUuid();
    s.name = name;
    s.createdAt = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + createdMs, Qt::UTC);
    s.updatedAt = s.createdAt;
    s.version = 1;
    return s;
}

QStringList namesInOrder(const QAbstractItemModel& model)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(); ++row)
        names << model.index(row, SecretsTableModel::NameColumn).data().toString();
    return names;
}

} // namespace

class TestSecretsTableModel final : public QObject {
    Q_OBJECT

private slots:
    void followsStoreRowByRow()
    {
        QTemporaryDir dir;
        LocalVaultStore store(dir.filePath(u"v.mintvault"_qs));
        QVERIFY(
            await(store.initialize(SecretValue(QByteArrayView("pw")), TestSupport::fastKdf(), true))
                .ok());
        SecretsTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(&store);
        QVERIFY(await(store.create(u"first"_qs, SecretValue(QByteArrayView("1")))).ok());
        QVERIFY(await(store.list()).ok());
        QCOMPARE(model.rowCount(), 1);

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        const Secret second =
            await(store.create(u"second"_qs, SecretValue(QByteArrayView("2")))).value();
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(second.id), 1);

        QVERIFY(await(store.update(second.id, 1, u"second renamed"_qs, std::nullopt)).ok());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(1, SecretsTableModel::NameColumn).data().toString(),
                 u"second renamed"_qs);
        QCOMPARE(model.index(1, 0).data(SecretsTableModel::VersionRole).toLongLong(), 2);

        const Secret first = model.secretAt(0);
        QVERIFY(await(store.remove(first.id, first.version)).ok());
        QCOMPARE(removed.count(), 1);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowOf(second.id), 0); // the index follows the shifted rows
        QCOMPARE(model.rowOf(first.id), -1);
        QCOMPARE(reset.count(), 0); // row by row, never a reset

        store.lock();
        QCOMPARE(model.rowCount(), 0); // locking drops every row
    }

    void columnsAndRoles()
    {
        SecretsTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        Secret s = secret(u"Signing key"_qs);
        Secret damaged = secret(QString());
        damaged.damaged = true;
        model.resetSecrets({s, damaged});
        QCOMPARE(model.columnCount(), 5);
        QCOMPARE(model.headerData(SecretsTableModel::ReferenceIdColumn, Qt::Horizontal).toString(),
                 u"Reference ID"_qs);
        QCOMPARE(model.index(0, SecretsTableModel::NameColumn).data().toString(),
                 u"Signing key"_qs);
        QCOMPARE(model.index(0, SecretsTableModel::ReferenceIdColumn).data().toString(),
                 s.id.toString(QUuid::WithoutBraces));
        QCOMPARE(model.index(0, SecretsTableModel::ValueColumn).data().toString(),
                 SecretsTableModel::mask());
        QCOMPARE(model.index(1, SecretsTableModel::ValueColumn).data().toString(),
                 SecretsTableModel::mask()); // the same mask for every secret
        QCOMPARE(model.index(0, SecretsTableModel::ValueColumn).data(Qt::AccessibleTextRole),
                 QVariant(u"hidden value"_qs));
        QCOMPARE(model.index(0, 0).data(SecretsTableModel::IdRole).value<QUuid>(), s.id);
        QCOMPARE(model.index(0, 0).data(SecretsTableModel::SecretRole).value<Secret>(), s);
        QVERIFY(!model.index(0, 0).data(SecretsTableModel::DamagedRole).toBool());
        QVERIFY(model.index(1, 0).data(SecretsTableModel::DamagedRole).toBool());
        QCOMPARE(model.index(1, SecretsTableModel::NameColumn).data().toString(),
                 u"Damaged record"_qs);
        QVERIFY(!model.index(0, SecretsTableModel::CreatedColumn).data().toString().isEmpty());
    }

    void proxyFiltersCaseInsensitively()
    {
        SecretsTableModel model;
        SecretsProxyModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const Secret byId = secret(u"Webhook token"_qs);
        model.resetSecrets({secret(u"Ärlig API-nøkkel"_qs), secret(u"ärlig backup"_qs),
                            secret(u"STRASSE signing"_qs), byId});
        proxy.sort(SecretsTableModel::NameColumn);
        QCOMPARE(proxy.rowCount(), 4);
        proxy.setSearchText(u"ÄRLIG"_qs);
        QCOMPARE(namesInOrder(proxy), QStringList({u"Ärlig API-nøkkel"_qs, u"ärlig backup"_qs}));
        proxy.setSearchText(u"  api-NØKKEL "_qs);
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setSearchText(u"strasse SIGN"_qs);
        QCOMPARE(namesInOrder(proxy), QStringList({u"STRASSE signing"_qs}));
        proxy.setSearchText(byId.id.toString(QUuid::WithoutBraces).left(13).toUpper());
        QCOMPARE(namesInOrder(proxy), QStringList({u"Webhook token"_qs}));
        proxy.setSearchText(u"no such thing"_qs);
        QCOMPARE(proxy.rowCount(), 0);
        proxy.setSearchText(QString());
        QCOMPARE(proxy.rowCount(), 4);
    }

    void proxyFiltersLargeModelsInParallel()
    {
        // Above the size where the proxy matches rows on several threads.
        SecretsTableModel model;
        SecretsProxyModel proxy;
        proxy.setSourceModel(&model);
        QList<Secret> secrets;
        for (int i = 0; i < 25'000; ++i)
            secrets << secret(u"Item %1 Ωmega"_qs.arg(i));
        model.resetSecrets(secrets);
        proxy.sort(SecretsTableModel::NameColumn);
        const auto expected = [&](const QString& needle) {
            return int(std::count_if(secrets.begin(), secrets.end(), [&](const Secret& s) {
                return s.name.contains(needle, Qt::CaseInsensitive);
            }));
        };
        for (const QString& text : {u"item 12"_qs, u"ITEM 123"_qs, u"4 ωMEGA"_qs, u"99"_qs}) {
            proxy.setSearchText(text);
            QCOMPARE(proxy.rowCount(), expected(text));
        }
        proxy.setSearchText(u"item 2499"_qs);
        QCOMPARE(proxy.rowCount(), 11); // 2499 and 24990..24999
        model.removeSecret(secrets[24995].id);
        QCOMPARE(proxy.rowCount(), 10);
        model.upsertSecret(secret(u"ITEM 2499 again"_qs));
        QCOMPARE(proxy.rowCount(), 11);
    }

    void proxySortsByLocaleAndNumbers()
    {
        SecretsTableModel model;
        SecretsProxyModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.resetSecrets({secret(u"key 10"_qs, 3), secret(u"Key 2"_qs, 1), secret(u"alpha"_qs, 2),
                            secret(u"Émile"_qs, 0), secret(u"zulu"_qs, 4)});
        proxy.sort(SecretsTableModel::NameColumn, Qt::AscendingOrder);
        QCOMPARE(namesInOrder(proxy),
                 QStringList({u"alpha"_qs, u"Émile"_qs, u"Key 2"_qs, u"key 10"_qs, u"zulu"_qs}));
        proxy.sort(SecretsTableModel::CreatedColumn, Qt::DescendingOrder);
        QCOMPARE(namesInOrder(proxy),
                 QStringList({u"zulu"_qs, u"key 10"_qs, u"alpha"_qs, u"Key 2"_qs, u"Émile"_qs}));

        // A new secret lands in its sorted place without a reset.
        proxy.sort(SecretsTableModel::NameColumn, Qt::AscendingOrder);
        model.upsertSecret(secret(u"Key 3"_qs, 9));
        QCOMPARE(namesInOrder(proxy), QStringList({u"alpha"_qs, u"Émile"_qs, u"Key 2"_qs,
                                                   u"Key 3"_qs, u"key 10"_qs, u"zulu"_qs}));
        // A rename moves the row.
        Secret renamed = model.secretAt(model.rowOf(model.secretAt(0).id));
        renamed.name = u"aardvark"_qs;
        model.upsertSecret(renamed);
        QCOMPARE(namesInOrder(proxy).first(), u"aardvark"_qs);
    }
};

QTEST_GUILESS_MAIN(TestSecretsTableModel)
#include "tst_secretstablemodel.moc"
