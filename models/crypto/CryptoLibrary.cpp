#include "CryptoLibrary.h"

#include <openssl/crypto.h>
#include <openssl/opensslv.h>

QString CryptoLibrary::versionText()
{
    return QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION));
}

QString CryptoLibrary::buildVersionText()
{
    return QString::fromLatin1(OPENSSL_VERSION_TEXT);
}
