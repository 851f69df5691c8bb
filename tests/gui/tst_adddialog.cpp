// AddSecretDialog on a real vault: create, inline validation, name taken, value too large,
// Generate + Copy (clipboard marked secret, then cleared), and no trace of the value afterwards.

#include "AddSecretDialog.h"
#include "FormMessage.h"
#include "GuiTestSupport.h"
#include "NameRules.h"
#include "PasswordGenerator.h"
#include "SecretClipboard.h"
#include "Settings.h"

#include <QClipboard>
#include <QComboBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using GuiTestSupport::findLeak;
using GuiTestSupport::Vault;

namespace {

struct Fixture {
    Vault vault;
    SecretClipboard clipboard;
    AddSecretDialog dialog{vault.store(), &clipboard};

    Fixture()
    {
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    }
    QLineEdit* name() const { return dialog.findChild<QLineEdit*>(QStringLiteral("nameEdit")); }
    QPlainTextEdit* value() const
    {
        return dialog.findChild<QPlainTextEdit*>(QStringLiteral("valueEdit"));
    }
    QPushButton* save() const
    {
        return dialog.findChild<QPushButton*>(QStringLiteral("acceptButton"));
    }
    FormMessage* message(const char* objectName) const
    {
        return dialog.findChild<FormMessage*>(QString::fromLatin1(objectName));
    }
    template <typename T> T* child(const char* objectName) const
    {
        return dialog.findChild<T*>(QString::fromLatin1(objectName));
    }
};

} // namespace

class TestAddDialog final : public QObject {
    Q_OBJECT

private slots:
    void createsTheSecretAndForgetsTheValue()
    {
        Fixture f;
        QSignalSpy created(&f.dialog, &AddSecretDialog::secretCreated);
        QVERIFY(!f.save()->isEnabled());
        QCOMPARE(f.save()->text(), tr("&Save secret"));
        QVERIFY(f.save()->isDefault());

        const QString value = QStringLiteral("tok-4f0c1e-unique-VALUE");
        QTest::keyClicks(f.name(), QStringLiteral("My Secret"));
        QTest::keyClicks(f.value(), value);
        QCOMPARE(f.value()->toPlainText(), value); // visible in clear while creating
        QVERIFY(f.save()->isEnabled());
        QTest::mouseClick(f.save(), Qt::LeftButton);

        QTRY_COMPARE(created.count(), 1);
        QTRY_VERIFY(!f.dialog.isVisible());
        QCOMPARE(f.dialog.result(), int(QDialog::Accepted));
        const Secret secret = created.first().first().value<Secret>();
        QCOMPARE(secret.name, QStringLiteral("My Secret"));
        QVERIFY(f.vault.valueIs(secret.id, value));

        QVERIFY(f.name()->text().isEmpty());
        QVERIFY(f.value()->toPlainText().isEmpty());
        QVERIFY(!f.value()->document()->isUndoAvailable());
        QCOMPARE(findLeak(value), QString());
    }

    void validatesTheNameInline()
    {
        Fixture f;
        FormMessage* message = f.message("nameMessage");
        QVERIFY(message->isHidden()); // nothing before the user typed
        QTest::keyClicks(f.value(), QStringLiteral("v"));

        QTest::keyClicks(f.name(), QStringLiteral(" "));
        QVERIFY(message->isVisible());
        QCOMPARE(message->text(), NameRules::problem(QStringLiteral(" ")));
        QVERIFY(!f.save()->isEnabled());

        f.name()->clear();
        QTest::keyClicks(f.name(), QString(101, QLatin1Char('n')));
        QVERIFY(message->isVisible());
        QVERIFY(message->text().contains(QStringLiteral("100")));
        QVERIFY(!f.save()->isEnabled());

        QTest::keyClick(f.name(), Qt::Key_Backspace);
        QVERIFY(message->isHidden());
        QVERIFY(f.save()->isEnabled());
    }

    void reportsATakenNameAndKeepsTheInput()
    {
        Fixture f;
        Vault::add(f.vault.store(), QStringLiteral("Taken"), QStringLiteral("x"));
        const QString value = QStringLiteral("kept-value-93ab");
        QTest::keyClicks(f.name(), QStringLiteral("taken"));
        QTest::keyClicks(f.value(), value);
        QTest::mouseClick(f.save(), Qt::LeftButton);

        FormMessage* message = f.message("nameMessage");
        QTRY_VERIFY(message->isVisible());
        QCOMPARE(message->text(), StoreError::standardMessage(StoreError::Code::NameTaken));
        QVERIFY(f.dialog.isVisible());
        QCOMPARE(f.name()->text(), QStringLiteral("taken"));
        QCOMPARE(f.value()->toPlainText(), value);
        QCOMPARE(Vault::list(f.vault.store()).size(), 1);

        QTest::keyClick(&f.dialog, Qt::Key_Escape);
        QVERIFY(!f.dialog.isVisible());
        QCOMPARE(findLeak(value), QString());
    }

    void refusesAValueOver64KiB()
    {
        Fixture f;
        QTest::keyClicks(f.name(), QStringLiteral("big"));
        f.value()->setPlainText(QString(64 * 1024, QLatin1Char('a')));
        QVERIFY(f.save()->isEnabled());
        QVERIFY(f.message("valueMessage")->isHidden());
        QVERIFY(f.child<QLabel>("byteCounter")->text().contains(QLocale().toString(65536)));

        QTest::keyClicks(f.value(), QStringLiteral("b"));
        QVERIFY(!f.save()->isEnabled());
        QVERIFY(f.message("valueMessage")->isVisible());
        QVERIFY(f.message("valueMessage")->text().contains(QStringLiteral("64 KiB")));
        QVERIFY(f.child<QLabel>("byteCounter")->text().contains(QLocale().toString(65537)));

        // Multi-byte characters count as their UTF-8 size.
        f.value()->setPlainText(QStringLiteral("é€😀"));
        QVERIFY(f.child<QLabel>("byteCounter")->text().startsWith(QStringLiteral("9 ")));
    }

    void generatesAndCopiesToAMarkedClipboardThatIsCleared()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("settings.ini"));
        {
            QSettings raw(ini, QSettings::IniFormat);
            raw.setValue(QStringLiteral("security/clipboardClearSeconds"), 1);
        }
        Fixture f;
        f.clipboard.setClearAfterSeconds(Settings(ini).clipboardClearSeconds());

        auto* generate = f.child<QPushButton>("generateButton");
        auto* charset = f.child<QComboBox>("charsetCombo");
        QCOMPARE(charset->currentData().toInt(), int(PasswordGenerator::Charset::UrlSafe));
        QTest::mouseClick(generate, Qt::LeftButton);
        const QString urlSafe = f.value()->toPlainText();
        QCOMPARE(urlSafe.size(), PasswordGenerator::DefaultLength);
        for (const QChar c : urlSafe)
            QVERIFY(PasswordGenerator::alphabet(PasswordGenerator::Charset::UrlSafe).contains(c));

        f.child<QSpinBox>("lengthSpin")->setValue(40);
        charset->setCurrentIndex(charset->findData(int(PasswordGenerator::Charset::Hex)));
        QTest::mouseClick(generate, Qt::LeftButton);
        const QString hex = f.value()->toPlainText();
        QCOMPARE(hex.size(), 40);
        for (const QChar c : hex)
            QVERIFY(PasswordGenerator::alphabet(PasswordGenerator::Charset::Hex).contains(c));

        QSignalSpy cleared(&f.clipboard, &SecretClipboard::cleared);
        QTest::mouseClick(f.child<QPushButton>("copyButton"), Qt::LeftButton);
        const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
        QVERIFY(mime);
        QCOMPARE(mime->text(), hex);
        QCOMPARE(mime->data(QStringLiteral("x-kde-passwordManagerHint")), QByteArray("secret"));
        QVERIFY(f.clipboard.holdsSecretCopy());
        QVERIFY(f.message("valueMessage")->isVisible());

        const int wait = (f.clipboard.clearAfterSeconds() + 3) * 1000;
        QTRY_COMPARE_WITH_TIMEOUT(cleared.count(), 1, wait);
        QVERIFY(QGuiApplication::clipboard()->text().isEmpty());

        QTest::keyClick(&f.dialog, Qt::Key_Escape);
        QCOMPARE(findLeak(hex), QString());
        QCOMPARE(findLeak(urlSafe), QString());
    }

    void copyShortcutInTheFieldIsMarkedToo()
    {
        Fixture f;
        const QString value = QStringLiteral("typed-then-ctrl-c-0d9e");
        QTest::keyClicks(f.value(), value);
        f.value()->selectAll();
        QTest::keyClick(f.value(), Qt::Key_C, Qt::ControlModifier);
        const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
        QCOMPARE(mime->text(), value);
        QCOMPARE(mime->data(QStringLiteral("x-kde-passwordManagerHint")), QByteArray("secret"));
        QVERIFY(f.clipboard.holdsSecretCopy());
        QTest::keyClick(&f.dialog, Qt::Key_Escape);
        QCOMPARE(findLeak(value), QString());
    }

    void leavesSomeoneElsesClipboardAlone()
    {
        SecretClipboard clipboard;
        clipboard.copySecret(QStringLiteral("ours"));
        QGuiApplication::clipboard()->setText(QStringLiteral("theirs"));
        QVERIFY(!clipboard.holdsSecretCopy());
        clipboard.clearIfOurs();
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("theirs"));
    }

    void cancelClearsEveryField()
    {
        Fixture f;
        const QString value = QStringLiteral("cancelled-value-77e1");
        QTest::keyClicks(f.name(), QStringLiteral("Later"));
        QTest::keyClicks(f.value(), value);
        f.dialog.close();
        QVERIFY(!f.dialog.isVisible());
        QCOMPARE(f.dialog.result(), int(QDialog::Rejected));
        QVERIFY(f.value()->toPlainText().isEmpty());
        QCOMPARE(findLeak(value), QString());
        QVERIFY(Vault::list(f.vault.store()).isEmpty());
    }

    void everyControlHasAnAccessibleName()
    {
        Fixture f;
        for (QWidget* w : f.dialog.findChildren<QWidget*>()) {
            if ((qobject_cast<QLineEdit*>(w) && !qobject_cast<QSpinBox*>(w->parentWidget()))
                || qobject_cast<QPlainTextEdit*>(w) || qobject_cast<QAbstractButton*>(w)
                || qobject_cast<QComboBox*>(w) || qobject_cast<QSpinBox*>(w)) {
                const QString name = w->accessibleName().isEmpty()
                                         ? qobject_cast<QAbstractButton*>(w)
                                               ? qobject_cast<QAbstractButton*>(w)->text()
                                               : QString()
                                         : w->accessibleName();
                QVERIFY2(!name.isEmpty(), qPrintable(w->objectName()));
            }
        }
    }
};

QTEST_MAIN(TestAddDialog)
#include "tst_adddialog.moc"
