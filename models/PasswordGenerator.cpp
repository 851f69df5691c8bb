#include "PasswordGenerator.h"

#include "crypto/Random.h"

#include <QByteArrayView>

namespace PasswordGenerator {
namespace {
QByteArrayView alphabetBytes(Charset charset)
{
    switch (charset) {
    case Charset::UrlSafe:
        return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    case Charset::Alphanumeric:
        return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    case Charset::Hex:
        return "0123456789abcdef";
    case Charset::Printable:
        return "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
               "abcdefghijklmnopqrstuvwxyz{|}~";
    }
    Q_UNREACHABLE();
    return {};
}
} // namespace

QString alphabet(Charset charset)
{
    return QString::fromLatin1(alphabetBytes(charset));
}

SecretValue generate(int length, Charset charset)
{
    const QByteArrayView chars = alphabetBytes(charset);
    SecretValue value(qBound(MinLength, length, MaxLength));
    for (qsizetype i = 0; i < value.size(); ++i)
        value.data()[i] = chars[qsizetype(Random::uniform(quint32(chars.size())))];
    return value;
}

} // namespace PasswordGenerator
