#pragma once

#include <QCoreApplication>
#include <QString>

#include <array>
#include <optional>

// Known-answer tests of the crypto the app relies on, run at start by both programs before
// anything else touches OpenSSL (a broken or misconfigured OpenSSL must stop the app before it
// writes a vault or sends a value). All of them together cost well under 5 ms.
class SelfTest final {
    Q_DECLARE_TR_FUNCTIONS(SelfTest)

public:
    SelfTest() = delete;

    enum class Check {
        AesGcm,     // AES-256-GCM, McGrew-Viega test case 16: seal, open, a tampered tag fails
        HmacSha256, // RFC 4231 test case 2
        HkdfSha256, // RFC 5869 test case 1
        Scrypt,     // RFC 7914 §12, the N = 16 vector
        X25519,     // RFC 7748 §6.1: a public key and the shared secret
        Random,     // the CSPRNG answers, and not with constant output
    };
    static constexpr std::array<Check, 6> AllChecks = {Check::AesGcm,     Check::HmacSha256,
                                                       Check::HkdfSha256, Check::Scrypt,
                                                       Check::X25519,     Check::Random};

    // Published: compare with the published answer. Corrupted: with that answer with one bit
    // flipped, which must fail; tests use it to prove that every check really compares.
    enum class Answer { Published, Corrupted };

    [[nodiscard]] static bool passes(Check check, Answer answer = Answer::Published);
    // Every check in the order above; the first that failed, or nullopt when all passed.
    [[nodiscard]] static std::optional<Check> run();

    // The algorithm's name, e.g. "AES-256-GCM" (not translated).
    [[nodiscard]] static QString name(Check check);
    // One translated line for the user: which check failed and that the app will not run.
    [[nodiscard]] static QString failureMessage(Check check);
};
