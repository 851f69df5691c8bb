// Drives the real mint-config-cli binary on a real vault file: every command, the JSON shape,
// each class of error with its exit code and its one line on stderr, and the value rules.

#include "StoreError.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

const QByteArray Password = QByteArrayLiteral("correct horse battery staple");

QString errorLine(StoreError::Code code)
{
    return QStringLiteral("mint-config-cli: %1\n").arg(StoreError::standardMessage(code));
}

} // namespace

class TestCli final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_vault;

    // Runs the CLI without a controlling terminal, so it can never prompt.
    static Run
    cli(const QStringList& arguments, const QByteArray& input = {},
        const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment())
    {
        QProcess process;
        process.setProcessEnvironment(environment);
#ifdef Q_OS_UNIX
        process.setChildProcessModifier([] { ::setsid(); });
#endif
        process.start(QStringLiteral(MINT_CLI_PATH), arguments);
        if (!process.waitForStarted(10'000))
            qFatal("mint-config-cli did not start");
        process.write(input);
        process.closeWriteChannel();
        if (!process.waitForFinished(60'000))
            qFatal("mint-config-cli did not finish");
        Run run;
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
        return run;
    }

    // A command on the test vault with the password (and the rest of input) on stdin.
    Run vault(const QStringList& arguments, const QByteArray& rest = {},
              const QByteArray& password = Password) const
    {
        return cli(
            QStringList{QStringLiteral("--vault"), m_vault, QStringLiteral("--password-stdin")}
                + arguments,
            password + '\n' + rest);
    }

    QJsonArray listJson(const QByteArray& password = Password) const
    {
        const Run run = vault({QStringLiteral("list"), QStringLiteral("--json")}, {}, password);
        if (run.exitCode != 0)
            return {};
        return QJsonDocument::fromJson(run.out).array();
    }

    QJsonObject entry(const QString& name) const
    {
        for (const QJsonValue& v : listJson())
            if (v.toObject().value(QStringLiteral("name")).toString() == name)
                return v.toObject();
        return {};
    }

    static void expectError(const Run& run, int exitCode, const QString& line = {})
    {
        QCOMPARE(run.exitCode, exitCode);
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY2(run.err.startsWith("mint-config-cli: "), run.err.constData());
        if (!line.isEmpty())
            QCOMPARE(QString::fromUtf8(run.err), line);
        QVERIFY(run.out.isEmpty());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_vault = m_dir.filePath(QStringLiteral("test.mintvault"));
        const Run run = vault({QStringLiteral("init"), QStringLiteral("--kdf-time-ms"),
                               QStringLiteral("5"), QStringLiteral("--allow-weak-kdf")});
        QCOMPARE(run.err, QByteArray());
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.startsWith("Created vault "));
        QVERIFY(QFile::exists(m_vault));
    }

    void versionAndHelp()
    {
        Run run = cli({QStringLiteral("--version")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QByteArray("mint-config-cli " MINT_VERSION "\n"));
        run = cli({QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        for (const char* command : {"init", "list", "add NAME", "set-value NAME", "rename NAME NEW",
                                    "delete NAME", "passwd", "verify", "--password-stdin"})
            QVERIFY2(run.out.contains(command), command);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("no command") << QStringList{};
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")};
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("--bogus"), QStringLiteral("list")};
        QTest::newRow("add without name") << QStringList{QStringLiteral("add")};
        QTest::newRow("rename one name")
            << QStringList{QStringLiteral("rename"), QStringLiteral("a")};
        QTest::newRow("json on add")
            << QStringList{QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("--json")};
        QTest::newRow("kdf on list") << QStringList{
            QStringLiteral("list"), QStringLiteral("--kdf-time-ms"), QStringLiteral("5")};
        QTest::newRow("bad kdf time") << QStringList{
            QStringLiteral("init"), QStringLiteral("--kdf-time-ms"), QStringLiteral("fast")};
        QTest::newRow("verify with a name")
            << QStringList{QStringLiteral("verify"), QStringLiteral("Alpha")};
        QTest::newRow("json on verify")
            << QStringList{QStringLiteral("verify"), QStringLiteral("--json")};
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        expectError(vault(arguments, "value"), 1);
    }

    void noTerminalWithoutPasswordStdin()
    {
        const Run run =
            cli({QStringLiteral("--vault"), m_vault, QStringLiteral("list")}, Password + '\n');
        expectError(run, 1);
        QVERIFY(run.err.contains("--password-stdin"));
    }

    void missingVault()
    {
        const Run run = cli({QStringLiteral("--vault"), m_dir.filePath(QStringLiteral("none")),
                             QStringLiteral("--password-stdin"), QStringLiteral("list")},
                            Password + '\n');
        expectError(run, 4);
    }

    void notAVault()
    {
        const QString path = m_dir.filePath(QStringLiteral("garbage.mintvault"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        const Run run = cli({QStringLiteral("--vault"), path, QStringLiteral("--password-stdin"),
                             QStringLiteral("list")},
                            Password + '\n');
        expectError(run, 4);
        QCOMPARE(QFile(path).size(), 4096); // nothing written
    }

    void initExisting()
    {
        expectError(vault({QStringLiteral("init"), QStringLiteral("--kdf-time-ms"),
                           QStringLiteral("5"), QStringLiteral("--allow-weak-kdf")}),
                    4, errorLine(StoreError::Code::VaultExists));
    }

    // Without --vault: <AppDataLocation>/default.mintvault, the GUI's default vault too.
    void defaultVault()
    {
#ifdef Q_OS_LINUX
        const QString dataHome = m_dir.filePath(QStringLiteral("data-home"));
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
        const QStringList init{QStringLiteral("--password-stdin"), QStringLiteral("init"),
                               QStringLiteral("--kdf-time-ms"), QStringLiteral("5"),
                               QStringLiteral("--allow-weak-kdf")};
        const Run run = cli(init, Password + '\n', environment);
        QCOMPARE(run.exitCode, 0);
        const QString expected =
            dataHome + QStringLiteral("/MintConfig/mint-config/default.mintvault");
        QVERIFY(QFile::exists(expected));
        QVERIFY(run.out.contains(expected.toUtf8()));
        QCOMPARE(cli({QStringLiteral("--password-stdin"), QStringLiteral("list")}, Password + '\n',
                     environment)
                     .exitCode,
                 0);
#else
        QSKIP("XDG_DATA_HOME decides the default location on Linux only");
#endif
    }

    void weakKdfRefusedWithoutFlag()
    {
        const QString path = m_dir.filePath(QStringLiteral("weak.mintvault"));
        const Run run =
            cli({QStringLiteral("--vault"), path, QStringLiteral("--password-stdin"),
                 QStringLiteral("init"), QStringLiteral("--kdf-time-ms"), QStringLiteral("5")},
                Password + '\n');
        expectError(run, 3);
        QVERIFY(!QFile::exists(path));
    }

    void addAndList()
    {
        const Run run = vault({QStringLiteral("add"), QStringLiteral("Alpha")}, "alpha-value\n");
        QCOMPARE(run.err, QByteArray());
        QCOMPARE(run.exitCode, 0);
        const QUuid id = QUuid::fromString(QString::fromLatin1(run.out.trimmed()));
        QVERIFY(!id.isNull());

        const Run plain = vault({QStringLiteral("list")});
        QCOMPARE(plain.exitCode, 0);
        QVERIFY(plain.out.contains("Alpha"));
        QVERIFY(plain.out.contains(id.toString(QUuid::WithoutBraces).toLatin1()));
        QVERIFY(!plain.out.contains("alpha-value"));

        const QJsonObject alpha = entry(QStringLiteral("Alpha"));
        QCOMPARE(alpha.keys(), (QStringList{QStringLiteral("createdAt"), QStringLiteral("id"),
                                            QStringLiteral("name"), QStringLiteral("updatedAt"),
                                            QStringLiteral("version")}));
        QCOMPARE(alpha.value(QStringLiteral("id")).toString(), id.toString(QUuid::WithoutBraces));
        QCOMPARE(alpha.value(QStringLiteral("version")).toInteger(), 1);
        for (const QString& key : {QStringLiteral("createdAt"), QStringLiteral("updatedAt")}) {
            const QString text = alpha.value(key).toString();
            QVERIFY2(text.endsWith(u'Z'), qPrintable(text));
            const QDateTime time = QDateTime::fromString(text, Qt::ISODate);
            QVERIFY(time.isValid());
            QCOMPARE(time.timeSpec(), Qt::UTC);
            QVERIFY(qAbs(time.secsTo(QDateTime::currentDateTimeUtc())) < 600);
        }
    }

    void jsonIsOneArray()
    {
        const Run run = vault({QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(run.out, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(document.isArray());
        QVERIFY(!run.out.contains("alpha-value"));
    }

    void wrongPassword()
    {
        const Run run = vault({QStringLiteral("list")}, {}, "not the password");
        expectError(run, 2, errorLine(StoreError::Code::WrongPassword));
        expectError(vault({QStringLiteral("add"), QStringLiteral("Beta")}, "v", "wrong"), 2);
        expectError(vault({QStringLiteral("passwd")}, "new\n", "wrong"), 2);
        QVERIFY(entry(QStringLiteral("Beta")).isEmpty());
    }

    void nameTaken()
    {
        expectError(vault({QStringLiteral("add"), QStringLiteral("ALPHA")}, "v"), 3,
                    errorLine(StoreError::Code::NameTaken));
    }

    void invalidName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("empty") << QString();
        QTest::newRow("blank") << QStringLiteral("   ");
        QTest::newRow("tab") << QStringLiteral("bad\tname");
        QTest::newRow("newline") << QStringLiteral("bad\nname");
        QTest::newRow("101 characters") << QString(101, u'n');
    }

    void invalidName()
    {
        QFETCH(QString, name);
        expectError(vault({QStringLiteral("add"), name}, "v"), 3);
        expectError(vault({QStringLiteral("rename"), QStringLiteral("Alpha"), name}), 3);
    }

    void emptyValue()
    {
        const QString empty = errorLine(StoreError::Code::ValueEmpty);
        expectError(vault({QStringLiteral("add"), QStringLiteral("Empty")}), 3, empty);
        expectError(vault({QStringLiteral("add"), QStringLiteral("Empty")}, "\n"), 3, empty);
        expectError(vault({QStringLiteral("set-value"), QStringLiteral("Alpha")}, "\n"), 3, empty);
    }

    // One trailing newline is removed, and only one: visible at the 64 KiB boundary.
    void valueSizeAndTrailingNewline()
    {
        const QString tooLarge = errorLine(StoreError::Code::ValueTooLarge);
        const QByteArray max(64 * 1024, 'a');
        expectError(vault({QStringLiteral("add"), QStringLiteral("Big")}, max + 'a'), 3, tooLarge);
        expectError(vault({QStringLiteral("add"), QStringLiteral("Big")}, max + "\n\n"), 3,
                    tooLarge);
        expectError(vault({QStringLiteral("add"), QStringLiteral("Big")}, QByteArray(1 << 20, 'a')),
                    3, tooLarge);
        QCOMPARE(vault({QStringLiteral("add"), QStringLiteral("Big")}, max + '\n').exitCode, 0);
        QCOMPARE(vault({QStringLiteral("add"), QStringLiteral("Newline")}, "\n\n").exitCode, 0);
        QCOMPARE(vault({QStringLiteral("set-value"), QStringLiteral("Big")}, max).exitCode, 0);
    }

    void binaryValue()
    {
        const QByteArray binary("\0\x01\xff\0\n\r\0", 7);
        const Run run = vault({QStringLiteral("add"), QStringLiteral("Binary")}, binary);
        QCOMPARE(run.err, QByteArray());
        QCOMPARE(run.exitCode, 0);
        // NUL bytes count: a 64 KiB value of NULs fits, one byte more does not.
        QCOMPARE(vault({QStringLiteral("set-value"), QStringLiteral("Binary")},
                       QByteArray(64 * 1024, '\0'))
                     .exitCode,
                 0);
        expectError(vault({QStringLiteral("set-value"), QStringLiteral("Binary")},
                          QByteArray(64 * 1024 + 1, '\0')),
                    3);
    }

    void unknownName()
    {
        for (const QStringList& arguments :
             {QStringList{QStringLiteral("set-value"), QStringLiteral("Nope")},
              QStringList{QStringLiteral("rename"), QStringLiteral("Nope"), QStringLiteral("X")},
              QStringList{QStringLiteral("delete"), QStringLiteral("Nope")}})
            expectError(vault(arguments, "value"), 3);
    }

    void setValue()
    {
        const QJsonObject before = entry(QStringLiteral("Alpha"));
        const Run run = vault({QStringLiteral("set-value"), QStringLiteral("alpha")}, "changed");
        QCOMPARE(run.err, QByteArray());
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.isEmpty());
        const QJsonObject after = entry(QStringLiteral("Alpha"));
        QCOMPARE(after.value(QStringLiteral("id")), before.value(QStringLiteral("id")));
        QCOMPARE(after.value(QStringLiteral("version")).toInteger(),
                 before.value(QStringLiteral("version")).toInteger() + 1);
        QCOMPARE(after.value(QStringLiteral("createdAt")),
                 before.value(QStringLiteral("createdAt")));
    }

    void rename()
    {
        const QJsonObject before = entry(QStringLiteral("Alpha"));
        Run run = vault({QStringLiteral("rename"), QStringLiteral("Alpha"),
                         QStringLiteral("  Alpha renamed ")});
        QCOMPARE(run.err, QByteArray());
        QCOMPARE(run.exitCode, 0);
        QVERIFY(entry(QStringLiteral("Alpha")).isEmpty());
        const QJsonObject after = entry(QStringLiteral("Alpha renamed")); // trimmed
        QCOMPARE(after.value(QStringLiteral("id")), before.value(QStringLiteral("id")));
        // Onto a name in use: refused, nothing changes.
        run = vault(
            {QStringLiteral("rename"), QStringLiteral("Alpha renamed"), QStringLiteral("big")});
        expectError(run, 3, errorLine(StoreError::Code::NameTaken));
        QCOMPARE(entry(QStringLiteral("Alpha renamed")), after);
    }

    void deleteWithoutTerminalDoesNotAsk()
    {
        QCOMPARE(vault({QStringLiteral("add"), QStringLiteral("Doomed")}, "v").exitCode, 0);
        const Run run = vault({QStringLiteral("delete"), QStringLiteral("doomed")});
        QCOMPARE(run.err, QByteArray());
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.isEmpty());
        QVERIFY(entry(QStringLiteral("Doomed")).isEmpty());
    }

    void passwd()
    {
        const QJsonArray before = listJson();
        QVERIFY(before.size() >= 4);
        const QByteArray newPassword = "a new password";
        expectError(vault({QStringLiteral("passwd")}, "\n"), 3); // empty new password
        Run run = vault({QStringLiteral("passwd")}, newPassword + '\n');
        QCOMPARE(run.err, QByteArray());
        QCOMPARE(run.exitCode, 0);
        expectError(vault({QStringLiteral("list")}), 2, errorLine(StoreError::Code::WrongPassword));
        QCOMPARE(listJson(newPassword), before);
        // And back, recalibrating the KDF on the way.
        run = vault({QStringLiteral("passwd"), QStringLiteral("--kdf-time-ms"), QStringLiteral("5"),
                     QStringLiteral("--allow-weak-kdf")},
                    Password + '\n', newPassword);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(listJson(), before);
    }

    // verify: exit 0 on a sound vault; a damaged record is reported on stdout, one line each (ID,
    // what failed, the name when it opens), with one verdict on stderr and exit code 4. Never a
    // value, in either case.
    void verify()
    {
        const QString copy = m_dir.filePath(QStringLiteral("verify.mintvault"));
        QVERIFY(QFile::copy(m_vault, copy));
        const auto verifyCopy = [&copy](const QByteArray& password = Password) {
            return cli({QStringLiteral("--vault"), copy, QStringLiteral("--password-stdin"),
                        QStringLiteral("verify")},
                       password + '\n');
        };
        const QByteArrayList values{"alpha-value", "changed", QByteArray(64, 'a'), "\n\n"};
        Run run = verifyCopy();
        QCOMPARE(run.err, QByteArray());
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("The file structure and every record are intact ("),
                 run.out.constData());
        expectError(verifyCopy("not the password"), 2, errorLine(StoreError::Code::WrongPassword));

        // Damage one record's value and another's name, behind the CLI's back.
        const Run listed = cli({QStringLiteral("--vault"), copy, QStringLiteral("--password-stdin"),
                                QStringLiteral("list"), QStringLiteral("--json")},
                               Password + '\n');
        const QJsonArray entries = QJsonDocument::fromJson(listed.out).array();
        QVERIFY(entries.size() >= 3);
        const QJsonObject valueVictim = entries.at(0).toObject();
        const QJsonObject nameVictim = entries.at(1).toObject();
        const auto idOf = [](const QJsonObject& entry) {
            return QUuid::fromString(entry.value(QStringLiteral("id")).toString());
        };
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
            db.setDatabaseName(copy);
            QVERIFY(db.open());
            for (const auto& [column, id] :
                 {std::pair(QStringLiteral("value_sealed"), idOf(valueVictim)),
                  std::pair(QStringLiteral("name_sealed"), idOf(nameVictim))}) {
                QSqlQuery query(db);
                QVERIFY(query.prepare(QStringLiteral("UPDATE secrets SET %1 = substr(%1, 1, 20) || "
                                                     "randomblob(1) || substr(%1, 22) WHERE id = ?")
                                          .arg(column)));
                query.addBindValue(id.toRfc4122());
                QVERIFY(query.exec());
                QCOMPARE(query.numRowsAffected(), 1);
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tamper"));

        run = verifyCopy();
        QCOMPARE(run.exitCode, 4);
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY2(run.err.startsWith("mint-config-cli: Damaged or tampered with: 2 of "),
                 run.err.constData());
        const QList<QByteArray> lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        for (const QByteArray& line : lines) {
            if (line.startsWith(idOf(valueVictim).toByteArray(QUuid::WithoutBraces))) {
                QVERIFY2(line.contains("value damaged"), line.constData());
                QVERIFY2(line.endsWith(
                             "  " + valueVictim.value(QStringLiteral("name")).toString().toUtf8()),
                         line.constData());
            } else {
                QVERIFY2(line.startsWith(idOf(nameVictim).toByteArray(QUuid::WithoutBraces)),
                         line.constData());
                QVERIFY2(line.contains("name damaged"), line.constData());
            }
        }
        for (const QByteArray& value : values)
            QVERIFY(!run.out.contains(value) && !run.err.contains(value));
        QVERIFY(!run.out.contains(Password) && !run.err.contains(Password));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
