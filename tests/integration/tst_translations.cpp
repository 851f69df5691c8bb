// Translation loading: --lang, the system's UI languages (LANGUAGE) with English as the source
// language, Qt's own strings, plural forms, and mint-config-cli in Norwegian end to end.
#include "Translations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QProcess>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace {
const QString QmDir = QStringLiteral(MINT_QM_DIR);
const char* const NoCommand = "No command given. Run with --help to see the commands.";

QString translated(const char* context, const char* text, int n = -1)
{
    return QCoreApplication::translate(context, text, nullptr, n);
}
} // namespace

class TranslationsTest final : public QObject {
    Q_OBJECT

private slots:
    void cleanup();
    void languageArgument_data();
    void languageArgument();
    void norwegianByName();
    void qtStringsFollow();
    void pluralForms();
    void englishNeedsNoFile_data();
    void englishNeedsNoFile();
    void cliFollowsTheSystemLanguages_data();
    void cliFollowsTheSystemLanguages();

private:
    static QString cliError(const QString& languageVariable, const QStringList& arguments);
};

void TranslationsTest::cleanup()
{
    // Each test starts in English: a QTranslator removes itself when deleted.
    qDeleteAll(qApp->findChildren<QTranslator*>(Qt::FindDirectChildrenOnly));
    QLocale::setDefault(QLocale::c());
}

void TranslationsTest::languageArgument_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("absent") << QStringList{u"app"_s, u"--vault"_s, u"x"_s} << QString();
    QTest::newRow("separate") << QStringList{u"app"_s, u"--lang"_s, u"nb"_s} << u"nb"_s;
    QTest::newRow("joined") << QStringList{u"app"_s, u"list"_s, u"--lang=nb_NO"_s} << u"nb_NO"_s;
    QTest::newRow("missing value") << QStringList{u"app"_s, u"--lang"_s} << QString();
    QTest::newRow("after --") << QStringList{u"app"_s, u"--"_s, u"--lang=nb"_s} << QString();
    QTest::newRow("program name only") << QStringList{u"--lang=nb"_s} << QString();
}

void TranslationsTest::languageArgument()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    QCOMPARE(Translations::languageArgument(arguments), expected);
}

void TranslationsTest::norwegianByName()
{
    QCOMPARE(translated("MainWindow", "&File"), u"&File"_s);
    QCOMPARE(Translations::install(*qApp, u"nb"_s, {QmDir}), u"nb"_s);
    QCOMPARE(translated("MainWindow", "&File"), u"&Fil"_s);
    QCOMPARE(translated("SecretsTableModel", "hidden value"), u"skjult verdi"_s);
    // A named language also sets the default locale, so dates read in Norwegian too.
    QCOMPARE(QLocale().language(), QLocale::NorwegianBokmal);

    // Territory variants and the generic "no" find the same file.
    cleanup();
    QCOMPARE(Translations::install(*qApp, u"nb_NO"_s, {QmDir}), u"nb"_s);
    cleanup();
    QCOMPARE(Translations::install(*qApp, u"no"_s, {QmDir}), u"nb"_s);
    QCOMPARE(translated("MainWindow", "&File"), u"&Fil"_s);
}

void TranslationsTest::qtStringsFollow()
{
    QCOMPARE(translated("QPlatformTheme", "Cancel"), u"Cancel"_s);
    Translations::install(*qApp, u"nb"_s, {QmDir});
    // Qt 6.4 ships no qtbase_nb: ours (translations/qtbase_nb.ts) fills in.
    QCOMPARE(translated("QPlatformTheme", "Cancel"), u"Avbryt"_s);
    QCOMPARE(translated("QLineEdit", "&Paste"), u"&Lim inn"_s);
}

void TranslationsTest::pluralForms()
{
    Translations::install(*qApp, u"nb"_s, {QmDir});
    QCOMPARE(translated("MainWindow", "%n secret(s)", 1), u"1 hemmelighet"_s);
    QCOMPARE(translated("MainWindow", "%n secret(s)", 3), u"3 hemmeligheter"_s);
    QCOMPARE(translated("MainWindow", "%n secret(s)", 0), u"0 hemmeligheter"_s);
}

void TranslationsTest::englishNeedsNoFile_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << u"en"_s;
    QTest::newRow("en_GB") << u"en_GB"_s;
    QTest::newRow("a language we do not have") << u"de"_s;
}

void TranslationsTest::englishNeedsNoFile()
{
    QFETCH(QString, language);
    QCOMPARE(Translations::install(*qApp, language, {QmDir}), QString());
    QCOMPARE(translated("MainWindow", "&File"), u"&File"_s);
    QVERIFY(qApp->findChildren<QTranslator*>(Qt::FindDirectChildrenOnly).isEmpty());
}

QString TranslationsTest::cliError(const QString& languageVariable, const QStringList& arguments)
{
    QProcess cli;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"LC_ALL"_s);
    environment.remove(u"LC_MESSAGES"_s);
    environment.insert(u"LANG"_s, u"C.UTF-8"_s);
    environment.insert(u"LANGUAGE"_s, languageVariable);
    cli.setProcessEnvironment(environment);
    cli.start(QStringLiteral(MINT_CLI_PATH), arguments);
    if (!cli.waitForFinished(30'000))
        qFatal("mint-config-cli did not finish");
    return QString::fromUtf8(cli.readAllStandardError());
}

void TranslationsTest::cliFollowsTheSystemLanguages_data()
{
    QTest::addColumn<QString>("languageVariable"); // LANGUAGE, the user's ordered list
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("norwegian");
    QTest::newRow("nb") << u"nb"_s << QStringList() << true;
    QTest::newRow("nb_NO") << u"nb_NO"_s << QStringList() << true;
    QTest::newRow("first choice missing") << u"de:nb"_s << QStringList() << true;
    QTest::newRow("English first") << u"en_US:nb"_s << QStringList() << false;
    QTest::newRow("none we have") << u"de:fr"_s << QStringList() << false;
    QTest::newRow("--lang en wins") << u"nb"_s << QStringList{u"--lang"_s, u"en"_s} << false;
    QTest::newRow("--lang nb wins") << u"en"_s << QStringList{u"--lang"_s, u"nb"_s} << true;
    QTest::newRow("--lang=nb") << u"en"_s << QStringList{u"--lang=nb"_s} << true;
}

void TranslationsTest::cliFollowsTheSystemLanguages()
{
    QFETCH(QString, languageVariable);
    QFETCH(QStringList, arguments);
    QFETCH(bool, norwegian);

    // The expected text comes from the shipped file, so this test holds whatever the wording.
    QTranslator nb;
    QVERIFY(nb.load(u"mint-config_nb"_s, QmDir));
    const QString norwegianText = nb.translate("CliCommands", NoCommand);
    QVERIFY(!norwegianText.isEmpty());
    QVERIFY(norwegianText != QLatin1String(NoCommand));

    const QString error = cliError(languageVariable, arguments); // no command: a usage error
    QVERIFY2(error.contains(norwegian ? norwegianText : QLatin1String(NoCommand)),
             qPrintable(error));
}

QTEST_GUILESS_MAIN(TranslationsTest)
#include "tst_translations.moc"
