#pragma once

#include <QString>

// What the app knows about the OpenSSL it runs with, for the About dialog and bug reports. The
// UI asks here instead of calling OpenSSL itself (DESIGN §1).
class CryptoLibrary final {
public:
    CryptoLibrary() = delete;

    // The OpenSSL loaded at run time, e.g. "OpenSSL 3.0.11 19 Sep 2023".
    [[nodiscard]] static QString versionText();
    // The OpenSSL headers the app was built with, in the same form.
    [[nodiscard]] static QString buildVersionText();
};
