// The translations are complete and well formed: lupdate over today's sources finds no string
// without a Norwegian translation (the CI check of issue 4), nothing stale is kept, Qt's own
// strings we ship are complete, and every translation keeps its placeholders, mnemonic, plural
// forms, ellipsis and trailing whitespace.
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace {

struct Message {
    QString context;
    QString source;
    bool numerus = false;
    QString type; // "unfinished", "vanished", "obsolete" or empty when done
    QStringList forms;
};

struct TsFile {
    QString language;
    QList<Message> messages;
};

TsFile readTs(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    TsFile ts;
    QXmlStreamReader xml(&file);
    QString context;
    Message message;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto name = xml.name();
        if (name == "TS"_L1) {
            ts.language = xml.attributes().value("language"_L1).toString();
        } else if (name == "name"_L1) {
            context = xml.readElementText();
        } else if (name == "message"_L1) {
            message =
                Message{context, {}, xml.attributes().value("numerus"_L1) == "yes"_L1, {}, {}};
        } else if (name == "source"_L1) {
            message.source = xml.readElementText();
        } else if (name == "translation"_L1) {
            message.type = xml.attributes().value("type"_L1).toString();
            if (!message.numerus)
                message.forms = {xml.readElementText()};
            else {
                while (xml.readNextStartElement())
                    message.forms.append(xml.readElementText());
            }
            ts.messages.append(message);
        }
    }
    if (xml.hasError())
        qFatal("%s: %s", qPrintable(path), qPrintable(xml.errorString()));
    return ts;
}

int pluralFormsOf(const QString& language)
{
    // Languages we ship; a new one adds its count here (Qt's numerus rules for the language).
    return language.startsWith("nb"_L1) || language.startsWith("en"_L1) ? 2 : -1;
}

// A mnemonic is "&" before a character, not "&&" and not an HTML entity such as "&lt;".
qsizetype mnemonicsIn(QString text)
{
    static const QRegularExpression mnemonic(u"&(?![A-Za-z]+;|#[0-9]+;)[^\\s&]"_s);
    text.remove(u"&&"_s);
    return text.count(mnemonic);
}

QStringList problemsOf(const Message& message, int pluralForms)
{
    QStringList problems;
    if (message.type == "unfinished"_L1 || message.type == "vanished"_L1
        || message.type == "obsolete"_L1)
        problems << u"not translated (%1)"_s.arg(message.type);
    if (message.numerus && message.forms.size() != pluralForms)
        problems << u"%1 plural forms instead of %2"_s.arg(message.forms.size()).arg(pluralForms);
    static const QRegularExpression placeholder(u"%(?:[1-9][0-9]?|n)"_s);
    for (const QString& form : message.forms) {
        if (form.trimmed().isEmpty()) {
            problems << u"empty"_s;
            continue;
        }
        QSet<QString> seen;
        for (auto it = placeholder.globalMatch(message.source); it.hasNext();) {
            const QString token = it.next().captured();
            if (!seen.contains(token) && message.source.count(token) != form.count(token))
                problems << u"placeholder %1 in “%2”"_s.arg(token, form);
            seen.insert(token);
        }
        if (mnemonicsIn(message.source) != mnemonicsIn(form))
            problems << u"mnemonic count differs in “%1”"_s.arg(form);
        if (message.source.endsWith(u'…') != form.endsWith(u'…'))
            problems << u"ellipsis differs in “%1”"_s.arg(form);
        if (message.source.endsWith(u' ') != form.endsWith(u' ')
            || message.source.endsWith(u'\n') != form.endsWith(u'\n'))
            problems << u"trailing space or newline differs in “%1”"_s.arg(form);
    }
    return problems;
}

QStringList problemsIn(const TsFile& ts)
{
    QStringList all;
    for (const Message& message : ts.messages) {
        const QStringList problems = problemsOf(message, pluralFormsOf(ts.language));
        if (!problems.isEmpty())
            all << u"%1 “%2”: %3"_s.arg(message.context, message.source, problems.join(u"; "_s));
    }
    return all;
}

QString translationsDir()
{
    return QStringLiteral(MINT_SOURCE_DIR "/translations");
}

} // namespace

class TranslationCoverageTest final : public QObject {
    Q_OBJECT

private slots:
    void everySourceStringIsTranslated();
    void noStaleTranslationsAreKept();
    void qtStringsWeShipAreComplete();
    void checksCatchMistakes_data();
    void checksCatchMistakes();

private:
    // lupdate over app/, ui/ and models/ into a copy of the committed file, as a developer's
    // `cmake --build build --target update_translations` would.
    TsFile updated(QStringList* warnings);
    QTemporaryDir m_dir;
};

TsFile TranslationCoverageTest::updated(QStringList* warnings)
{
    const QString copy = m_dir.filePath(u"mint-config_nb.ts"_s);
    QFile::remove(copy);
    if (!QFile::copy(translationsDir() + u"/mint-config_nb.ts"_s, copy))
        qFatal("cannot copy the .ts file");
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(QStringLiteral(MINT_LUPDATE_PATH),
                  {QStringLiteral(MINT_SOURCE_DIR "/app"), QStringLiteral(MINT_SOURCE_DIR "/ui"),
                   QStringLiteral(MINT_SOURCE_DIR "/models"), u"-ts"_s, copy, u"-no-obsolete"_s,
                   u"-locations"_s, u"absolute"_s});
    if (!lupdate.waitForFinished(120'000) || lupdate.exitCode() != 0)
        qFatal("lupdate failed: %s", lupdate.readAll().constData());
    // lupdate warns "file:line: ..." when it cannot place a string (tr() without a context,
    // a class without Q_OBJECT): such a string would silently stay English.
    static const QRegularExpression warning(u"^\\S+:[0-9]+: "_s);
    const QStringList lines = QString::fromUtf8(lupdate.readAll()).split(u'\n');
    for (const QString& line : lines) {
        if (warning.match(line).hasMatch())
            warnings->append(line);
    }
    return readTs(copy);
}

void TranslationCoverageTest::everySourceStringIsTranslated()
{
    QStringList warnings;
    const TsFile ts = updated(&warnings);
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n')));
    QCOMPARE(ts.language, u"nb"_s);
    QVERIFY(ts.messages.size() > 300);
    const QStringList problems = problemsIn(ts);
    QVERIFY2(problems.isEmpty(),
             qPrintable(u"%1 problem(s) in translations/mint-config_nb.ts after lupdate:\n"_s.arg(
                            problems.size())
                        + problems.join(u'\n')));
}

void TranslationCoverageTest::noStaleTranslationsAreKept()
{
    QStringList warnings;
    QSet<QString> current;
    for (const Message& message : updated(&warnings).messages)
        current.insert(message.context + u'\x1f' + message.source);
    QStringList stale;
    for (const Message& message : readTs(translationsDir() + u"/mint-config_nb.ts"_s).messages) {
        if (!current.contains(message.context + u'\x1f' + message.source))
            stale << message.context + u" “"_s + message.source + u'”';
    }
    QVERIFY2(stale.isEmpty(),
             qPrintable(u"no longer in the sources (run the update_translations target):\n"_s
                        + stale.join(u'\n')));
}

void TranslationCoverageTest::qtStringsWeShipAreComplete()
{
    const TsFile ts = readTs(translationsDir() + u"/qtbase_nb.ts"_s);
    QCOMPARE(ts.language, u"nb"_s);
    QVERIFY(ts.messages.size() > 100);
    const QStringList problems = problemsIn(ts);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TranslationCoverageTest::checksCatchMistakes_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<bool>("numerus");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QStringList>("forms");
    QTest::addColumn<QString>("expected"); // part of the problem text; empty: no problem

    QTest::newRow("fine") << u"&Save %1…"_s << false << QString() << QStringList{u"&Lagre %1…"_s}
                          << QString();
    QTest::newRow("unfinished") << u"Save"_s << false << u"unfinished"_s << QStringList{QString()}
                                << u"not translated"_s;
    QTest::newRow("empty") << u"Save"_s << false << QString() << QStringList{u" "_s} << u"empty"_s;
    QTest::newRow("placeholder lost") << u"Created %1 by %2"_s << false << QString()
                                      << QStringList{u"Opprettet %1"_s} << u"placeholder %2"_s;
    QTest::newRow("mnemonic lost")
        << u"&Delete"_s << false << QString() << QStringList{u"Slett"_s} << u"mnemonic"_s;
    QTest::newRow("two mnemonics")
        << u"&Delete"_s << false << QString() << QStringList{u"&Sl&ett"_s} << u"mnemonic"_s;
    QTest::newRow("entity is no mnemonic")
        << u"a &lt;b&gt;"_s << false << QString() << QStringList{u"en &lt;b&gt;"_s} << QString();
    QTest::newRow("ellipsis lost")
        << u"Open…"_s << false << QString() << QStringList{u"Åpne"_s} << u"ellipsis"_s;
    QTest::newRow("trailing space lost")
        << u"Password: "_s << false << QString() << QStringList{u"Passord:"_s} << u"trailing"_s;
    QTest::newRow("one plural form")
        << u"%n secret(s)"_s << true << QString() << QStringList{u"%n hemmelighet"_s}
        << u"1 plural forms instead of 2"_s;
    QTest::newRow("plural without %n")
        << u"%n secret(s)"_s << true << QString()
        << QStringList{u"én hemmelighet"_s, u"%n hemmeligheter"_s} << u"placeholder %n"_s;
}

void TranslationCoverageTest::checksCatchMistakes()
{
    QFETCH(QString, source);
    QFETCH(bool, numerus);
    QFETCH(QString, type);
    QFETCH(QStringList, forms);
    QFETCH(QString, expected);
    const QStringList problems = problemsOf(Message{u"C"_s, source, numerus, type, forms}, 2);
    if (expected.isEmpty())
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"; "_s)));
    else
        QVERIFY2(problems.join(u"; "_s).contains(expected), qPrintable(problems.join(u"; "_s)));
}

QTEST_GUILESS_MAIN(TranslationCoverageTest)
#include "tst_translationcoverage.moc"
