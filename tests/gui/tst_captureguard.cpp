// Every dialog that can show a secret value or a password asks to be left out of screen capture
// (CaptureGuard: WDA_EXCLUDEFROMCAPTURE on Windows, recorded on the window everywhere), and the
// dialogs that cannot (About, delete confirmation, preferences) do not need to.
#include "AppWindows.h"
#include "CaptureGuard.h"
#include "SecretValueEditor.h"

#include <QLineEdit>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using AppWindows::Catalog;

namespace {

// A field that masks what is typed, or the value editor of the Add and Edit dialogs.
bool canShowASecret(const QWidget* window)
{
    if (!window->findChildren<SecretValueEditor*>().isEmpty())
        return true;
    const QList<QLineEdit*> edits = window->findChildren<QLineEdit*>();
    return std::any_of(edits.begin(), edits.end(),
                       [](const QLineEdit* edit) { return edit->echoMode() != QLineEdit::Normal; });
}

const QStringList SecretDialogs = {
    u"AddSecretDialog"_s,   u"EditSecretDialog"_s,     u"UnlockDialog"_s,
    u"CreateVaultDialog"_s, u"ChangePasswordDialog"_s, u"SignInDialog"_s,
    u"ConnectionsDialog"_s,
};

} // namespace

class TestCaptureGuard : public QObject {
    Q_OBJECT

private slots:
    void protectRecordsTheRequest();
    void everyDialog_data();
    void everyDialog();
    void everySecretDialogIsInTheCatalog();
};

void TestCaptureGuard::protectRecordsTheRequest()
{
    QWidget window;
    QVERIFY(!CaptureGuard::isProtected(&window));
    CaptureGuard::protect(&window);
    QVERIFY(CaptureGuard::isProtected(&window));
    CaptureGuard::protect(&window); // twice is harmless
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(CaptureGuard::isProtected(&window));
    CaptureGuard::protect(nullptr);
    QVERIFY(!CaptureGuard::isProtected(nullptr));
}

void TestCaptureGuard::everyDialog_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("secret");
    for (const QString& name : Catalog::dialogNames())
        QTest::newRow(qPrintable(name)) << name << SecretDialogs.contains(name);
}

void TestCaptureGuard::everyDialog()
{
    QFETCH(QString, name);
    QFETCH(bool, secret);
    Catalog catalog;
    QWidget* window = catalog.open(name);
    QVERIFY(window);
    // The rule, checked on what the dialog contains, so a new secret field cannot slip by.
    QCOMPARE(canShowASecret(window), secret);
    QCOMPARE(CaptureGuard::isProtected(window), secret);
}

void TestCaptureGuard::everySecretDialogIsInTheCatalog()
{
    for (const QString& name : SecretDialogs)
        QVERIFY2(Catalog::dialogNames().contains(name), qPrintable(name));
    for (const QString& name : {u"AboutDialog"_s, u"DeleteSecretDialog"_s})
        QVERIFY(Catalog::dialogNames().contains(name) && !SecretDialogs.contains(name));
}

QTEST_MAIN(TestCaptureGuard)
#include "tst_captureguard.moc"
