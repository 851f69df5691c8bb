#pragma once

#include <QString>
#include <QStringView>

// A quick, honest estimate of how hard a vault password is to guess, for the hint under the
// password field. It counts length and character classes; it is not a policy.
class PasswordStrength final {
public:
    enum class Level { Empty, TooShort, Weak, Fair, Strong };
    static constexpr int MinimumLength = 8;

    [[nodiscard]] static Level assess(QStringView password);
    [[nodiscard]] static QString describe(Level level);
};
