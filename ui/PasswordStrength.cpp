#include "PasswordStrength.h"

#include <QCoreApplication>

#include <cmath>

PasswordStrength::Level PasswordStrength::assess(QStringView password)
{
    if (password.isEmpty())
        return Level::Empty;
    qsizetype length = 0; // code points, counted in place (no copy of the password)
    bool lower = false, upper = false, digit = false, symbol = false, other = false;
    for (const QChar c : password) {
        if (!c.isLowSurrogate())
            ++length;
        if (c.unicode() < 128) {
            lower |= c.isLower();
            upper |= c.isUpper();
            digit |= c.isDigit();
            symbol |= !c.isLetterOrNumber();
        } else {
            other = true;
        }
    }
    if (length < MinimumLength)
        return Level::TooShort;
    const int pool = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (symbol ? 33 : 0)
                     + (other ? 100 : 0);
    const double bits = double(length) * std::log2(double(qMax(pool, 2)));
    if (bits < 45)
        return Level::Weak;
    if (bits < 70)
        return Level::Fair;
    return Level::Strong;
}

QString PasswordStrength::describe(Level level)
{
    switch (level) {
    case Level::Empty:
        return QCoreApplication::translate(
            "PasswordStrength", "Use at least %n character(s); a few unrelated words work well.",
            nullptr, MinimumLength);
    case Level::TooShort:
        return QCoreApplication::translate(
            "PasswordStrength", "Too short: use at least %n character(s).", nullptr, MinimumLength);
    case Level::Weak:
        return QCoreApplication::translate("PasswordStrength",
                                           "Weak: add length or another word to make it strong.");
    case Level::Fair:
        return QCoreApplication::translate("PasswordStrength",
                                           "Fair: a little more length makes it strong.");
    case Level::Strong:
        return QCoreApplication::translate("PasswordStrength", "Strong password.");
    }
    return {};
}
