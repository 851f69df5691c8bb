// MainWindow on a real vault: add via the New shortcut, filter, edit (F2), delete (Delete), lock
// hides the rows, unlock brings them back, auto-lock, and geometry remembered through Settings.
// The remote backend's states (title and status bar, roles, offline, access page, refresh,
// switching through the Backend menu) are in tst_remotewindow, against the real server.

#include "AccessPage.h"
#include "AddSecretDialog.h"
#include "AutoLocker.h"
#include "DeleteSecretDialog.h"
#include "EditSecretDialog.h"
#include "GuiTestSupport.h"
#include "LockedPage.h"
#include "MainWindow.h"
#include "SecretsPage.h"
#include "SecretsProxyModel.h"
#include "SecretsTableModel.h"
#include "Settings.h"
#include "UnlockDialog.h"
#include "keychain/CredentialStore.h"

#include <QClipboard>
#include <QHeaderView>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QTest>

using GuiTestSupport::findLeak;
using GuiTestSupport::Vault;

namespace {

struct Fixture {
    Vault vault;
    QTemporaryDir settingsDir;
    Settings settings{settingsDir.filePath(QStringLiteral("settings.ini"))};
    CredentialStore credentials{QStringLiteral("mint-config-tests")};
    std::unique_ptr<MainWindow> window;

    explicit Fixture(const QStringList& names = {})
    {
        for (const QString& name : names)
            Vault::add(vault.store(), name, QStringLiteral("value of ") + name);
        // Without a session bus the keychain never answers: give up quickly.
        credentials.setTimeout(std::chrono::milliseconds(1500));
        window = std::make_unique<MainWindow>(settings, vault.releaseStore(), &credentials);
        window->show();
        window->activateWindow();
        if (!QTest::qWaitForWindowActive(window.get()))
            qFatal("the main window did not become active");
        QTRY_COMPARE_WITH_TIMEOUT(page()->model()->rowCount(), int(names.size()), 10000);
    }
    SecretsPage* page() const { return window->secretsPage(); }
    QTableView* table() const { return page()->table(); }
    QString count() const
    {
        return window->findChild<QLabel*>(QStringLiteral("countLabel"))->text();
    }
    template <typename D> D* waitForDialog() const
    {
        D* dialog = nullptr;
        const bool shown = QTest::qWaitFor([&] {
            dialog = window->findChild<D*>();
            return dialog && dialog->isVisible();
        });
        if (!shown)
            qFatal("the dialog did not open");
        return dialog;
    }
    void select(const QString& name) const
    {
        const QModelIndexList hits = page()->proxy()->match(
            page()->proxy()->index(0, 0), Qt::DisplayRole, name, 1, Qt::MatchExactly);
        QVERIFY(!hits.isEmpty());
        table()->setFocus();
        table()->selectionModel()->setCurrentIndex(hits.first(), QItemSelectionModel::ClearAndSelect
                                                                     | QItemSelectionModel::Rows);
    }
    QStringList names() const
    {
        QStringList result;
        for (int row = 0; row < page()->proxy()->rowCount(); ++row)
            result << page()->proxy()->index(row, 0).data().toString();
        return result;
    }
};

QStackedWidget* pagesOf(MainWindow* window)
{
    return qobject_cast<QStackedWidget*>(window->accessPage()->parentWidget());
}

} // namespace

class TestMainWindow final : public QObject {
    Q_OBJECT

private slots:
    void showsTheVaultAndItsSecrets()
    {
        Fixture f({QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("c")});
        QCOMPARE(f.names(), (QStringList{QStringLiteral("a"), QStringLiteral("b"),
                                         QStringLiteral("c")})); // Name ascending
        QCOMPARE(f.count(), tr("%n secret(s)", nullptr, 3));
        QVERIFY(f.window->windowTitle().contains(f.window->store()->displayName()));
        QVERIFY(!f.page()->editSecretAction()->isEnabled()); // nothing selected
        QVERIFY(!f.page()->findChild<QPushButton*>(QStringLiteral("deleteButton"))->isEnabled());
        QCOMPARE(f.table()->model()->index(0, SecretsTableModel::ValueColumn).data().toString(),
                 SecretsTableModel::mask());
        QCOMPARE(findLeak(QStringLiteral("value of a")), QString());
    }

    void emptyStateOffersToAdd()
    {
        Fixture f;
        auto* stack = f.page()->findChild<QStackedWidget*>();
        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("emptyState"));
        QTest::mouseClick(f.page()->findChild<QPushButton*>(QStringLiteral("emptyAddButton")),
                          Qt::LeftButton);
        auto* dialog = f.waitForDialog<AddSecretDialog>();
        QTest::keyClick(dialog, Qt::Key_Escape);
    }

    void addsViaTheNewShortcut()
    {
        Fixture f({QStringLiteral("existing")});
        QTest::keyClick(f.window.get(), Qt::Key_N, Qt::ControlModifier);
        auto* dialog = f.waitForDialog<AddSecretDialog>();
        const QString value = QStringLiteral("added-through-ui-9f3b77");
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("nameEdit")),
                         QStringLiteral("New one"));
        QTest::keyClicks(dialog->findChild<QPlainTextEdit*>(QStringLiteral("valueEdit")), value);
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("acceptButton")),
                          Qt::LeftButton);
        QPointer<AddSecretDialog> closing = dialog; // deletes itself once closed
        QTRY_COMPARE(f.page()->model()->rowCount(), 2);
        QTRY_VERIFY(!closing || !closing->isVisible());
        QCOMPARE(f.page()->selectedSecret()->name, QStringLiteral("New one")); // selected
        QCOMPARE(f.count(), tr("%n secret(s)", nullptr, 2));
        QCOMPARE(findLeak(value), QString());
    }

    void filters()
    {
        Fixture f({QStringLiteral("Payments API"), QStringLiteral("CRM token"),
                   QStringLiteral("payments webhook")});
        QTest::keyClick(f.window.get(), Qt::Key_F, Qt::ControlModifier);
        QLineEdit* search = f.page()->searchField();
        QTRY_VERIFY(search->hasFocus());
        QTest::keyClicks(search, QStringLiteral("PAYMENTS"));
        QCOMPARE(f.page()->proxy()->rowCount(), 2);
        QCOMPARE(f.count(), tr("%1 of %n secret(s) shown", nullptr, 3).arg(2));

        QTest::keyClicks(search, QStringLiteral("zzz"));
        auto* stack = f.page()->findChild<QStackedWidget*>();
        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("noMatchState"));
        QVERIFY(f.page()
                    ->findChild<QLabel*>(QStringLiteral("noMatchText"))
                    ->text()
                    .contains(QStringLiteral("PAYMENTSzzz")));

        QTest::keyClick(search, Qt::Key_Escape); // clears the search
        QVERIFY(search->text().isEmpty());
        QCOMPARE(f.page()->proxy()->rowCount(), 3);
        QCOMPARE(stack->currentWidget(), f.table());
    }

    void editsWithF2()
    {
        Fixture f({QStringLiteral("alpha")});
        f.select(QStringLiteral("alpha"));
        QTest::keyClick(f.window.get(), Qt::Key_F2);
        auto* dialog = f.waitForDialog<EditSecretDialog>();
        auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("nameEdit"));
        name->selectAll();
        QTest::keyClicks(name, QStringLiteral("omega"));
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("acceptButton")),
                          Qt::LeftButton);
        QTRY_COMPARE(f.names(), QStringList{QStringLiteral("omega")});
        QCOMPARE(findLeak(QStringLiteral("value of alpha")), QString());
    }

    void enterOpensEdit()
    {
        Fixture f({QStringLiteral("alpha")});
        f.select(QStringLiteral("alpha"));
        QTest::keyClick(f.table(), Qt::Key_Return);
        auto* dialog = f.waitForDialog<EditSecretDialog>();
        QCOMPARE(dialog->secret().name, QStringLiteral("alpha"));
        QTest::keyClick(dialog, Qt::Key_Escape);
    }

    void deletesWithTheDeleteKey()
    {
        Fixture f({QStringLiteral("keep"), QStringLiteral("drop")});
        f.select(QStringLiteral("drop"));
        QTest::keyClick(f.table(), Qt::Key_Delete);
        auto* dialog = f.waitForDialog<DeleteSecretDialog>();
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("acceptButton")),
                          Qt::LeftButton);
        QTRY_COMPARE(f.names(), QStringList{QStringLiteral("keep")});
        // The actions follow whatever is selected now.
        const auto selected = f.page()->selectedSecret();
        QVERIFY(!selected || selected->name == QStringLiteral("keep"));
        QCOMPARE(f.page()->deleteSecretAction()->isEnabled(), selected.has_value());
    }

    void copiesTheReferenceIdAsPlainText()
    {
        Fixture f({QStringLiteral("alpha")});
        f.select(QStringLiteral("alpha"));
        QVERIFY(f.page()->copyReferenceIdAction()->isEnabled());
        f.page()->copyReferenceIdAction()->trigger();
        const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
        QCOMPARE(mime->text(), f.page()->selectedSecret()->id.toString(QUuid::WithoutBraces));
        QVERIFY(!mime->hasFormat(QStringLiteral("x-kde-passwordManagerHint"))); // not secret
    }

    void lockHidesTheRowsAndUnlockBringsThemBack()
    {
        Fixture f({QStringLiteral("one"), QStringLiteral("two")});
        QTest::keyClick(f.window.get(), Qt::Key_L, Qt::ControlModifier);
        QTRY_VERIFY(!f.window->store()->isOpen());
        auto* pages = pagesOf(f.window.get());
        QCOMPARE(pages->currentWidget(), f.window->lockedPage());
        QCOMPARE(f.page()->model()->rowCount(), 0);
        QCOMPARE(f.page()->proxy()->rowCount(), 0);
        QVERIFY(f.window->windowTitle().contains(tr("locked")));
        QVERIFY(!f.page()->addSecretAction()->isEnabled());
        QCOMPARE(f.window->findChild<QLabel*>(QStringLiteral("backendStateLabel"))->text(),
                 tr("Locked"));

        QTest::mouseClick(f.window->lockedPage()->unlockButton(), Qt::LeftButton);
        auto* dialog = f.waitForDialog<UnlockDialog>();
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("passwordEdit")),
                         GuiTestSupport::password());
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("acceptButton")),
                          Qt::LeftButton);
        QTRY_COMPARE(f.page()->model()->rowCount(), 2);
        QCOMPARE(pages->currentWidget(), f.page());
        QVERIFY(!f.window->windowTitle().contains(tr("locked")));
        QCOMPARE(findLeak(GuiTestSupport::password()), QString());
    }

    void lockClosesAnOpenDialogAndClearsIt()
    {
        Fixture f;
        QTest::keyClick(f.window.get(), Qt::Key_N, Qt::ControlModifier);
        QPointer<AddSecretDialog> dialog = f.waitForDialog<AddSecretDialog>();
        const QString value = QStringLiteral("typed-before-lock-2c4e");
        QTest::keyClicks(dialog->findChild<QPlainTextEdit*>(QStringLiteral("valueEdit")), value);
        f.window->autoLocker()->setTimeout(std::chrono::milliseconds(300));
        QTRY_VERIFY_WITH_TIMEOUT(!f.window->store()->isOpen(), 5000); // auto-lock
        QVERIFY(!dialog || !dialog->isVisible());
        QCOMPARE(findLeak(value), QString());
    }

    void remembersGeometryAndColumns()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("settings.ini"));
        QSize size;
        int nameWidth = 0;
        {
            Vault vault;
            Settings settings(ini);
            MainWindow window(settings, vault.releaseStore());
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(701, 477);
            QTRY_COMPARE(window.size(), QSize(701, 477));
            window.secretsPage()->table()->horizontalHeader()->resizeSection(0, 333);
            size = window.size();
            nameWidth = window.secretsPage()->table()->horizontalHeader()->sectionSize(0);
            window.close();
        }
        Vault vault;
        Settings settings(ini);
        MainWindow window(settings, vault.releaseStore());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.size(), size);
        QCOMPARE(window.secretsPage()->table()->horizontalHeader()->sectionSize(0), nameWidth);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
