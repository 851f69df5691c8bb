#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;

// The user's language for the app and the CLI: our strings (mint-config_<lang>.qm) and Qt's own
// (qtbase_<lang>.qm), found next to the binary the same way in the build tree and when installed.
// English is the source language: it needs no file.
class Translations final {
public:
    // The value of --lang in the raw arguments ("--lang nb" or "--lang=nb"), read before the
    // parser runs so that its --help text is already translated; empty when absent.
    [[nodiscard]] static QString languageArgument(const QStringList& arguments);

    // Installs the translators on the application (parented to it) for `language` (e.g. "nb",
    // "nb_NO", "en") or, when empty, for the system's UI languages in the user's order, stopping
    // at English. A named language also becomes the default locale (dates, numbers, sorting).
    // Returns the language loaded (e.g. "nb"), or an empty string when the UI stays English.
    static QString install(QCoreApplication& app, const QString& language,
                           const QStringList& directories = defaultDirectories());

    // Where the .qm files are looked for, relative to the running binary: share/mint-config/
    // translations beside bin/ (Linux, the build tree), translations/ beside the .exe (Windows)
    // and Resources/translations in the bundle (macOS).
    [[nodiscard]] static QStringList defaultDirectories();
};
