#include "Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace {
const QString LangOption = u"--lang"_s;

// The first of `names` (e.g. "nb_NO", then "nb" by QTranslator's own shortening) in any of the
// directories.
bool loadFirst(QTranslator& translator, const QString& prefix, const QStringList& names,
               const QStringList& directories)
{
    for (const QString& name : names) {
        for (const QString& directory : directories) {
            if (translator.load(prefix + name, directory))
                return true;
        }
    }
    return false;
}
} // namespace

QString Translations::languageArgument(const QStringList& arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& argument = arguments.at(i);
        if (argument == u"--"_s)
            break;
        if (argument == LangOption && i + 1 < arguments.size())
            return arguments.at(i + 1);
        if (argument.startsWith(LangOption + u'='))
            return argument.mid(LangOption.size() + 1);
    }
    return {};
}

QString Translations::install(QCoreApplication& app, const QString& language,
                              const QStringList& directories)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    if (!language.isEmpty())
        QLocale::setDefault(locale);

    QStringList languages = locale.uiLanguages();
    if (!language.isEmpty())
        languages.prepend(language); // exactly what was asked for first
    for (QString name : std::as_const(languages)) {
        name.replace(u'-', u'_');
        const QLocale candidate(name);
        if (candidate.language() == QLocale::English)
            return {}; // the source language, preferred over anything after it
        // "no_NO" and "nb_NO" are both Bokmål; the canonical name finds the file.
        const QStringList names{name, candidate.name()};
        auto* ours = new QTranslator(&app);
        if (!loadFirst(*ours, u"mint-config_"_s, names, directories)) {
            delete ours;
            continue;
        }
        QCoreApplication::installTranslator(ours);
        // Qt's own strings (standard buttons, context menus) in the same language only, so the
        // window is never half in another language.
        auto* qt = new QTranslator(&app);
        if (loadFirst(*qt, u"qtbase_"_s, names,
                      QStringList{QLibraryInfo::path(QLibraryInfo::TranslationsPath)}
                          + directories))
            QCoreApplication::installTranslator(qt);
        else
            delete qt;
        return ours->language().isEmpty() ? candidate.name() : ours->language();
    }
    return {};
}

QStringList Translations::defaultDirectories()
{
    const QDir bin(QCoreApplication::applicationDirPath());
    return {
        QDir::cleanPath(bin.filePath(u"../share/mint-config/translations"_s)),
        QDir::cleanPath(bin.filePath(u"translations"_s)),
        QDir::cleanPath(bin.filePath(u"../Resources/translations"_s)),
    };
}
