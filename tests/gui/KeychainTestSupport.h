#pragma once

// The tests' keychain: CredentialStore under its own service name, and whether it answers.
// scripts/test runs inside dbus-run-session with an unlocked gnome-keyring and sets
// MINT_REQUIRE_KEYCHAIN=1: there a missing keychain fails the test; elsewhere it skips.

#include "keychain/CredentialStore.h"

#include <QTest>

#include <chrono>

namespace KeychainTestSupport {

inline QString service()
{
    return QStringLiteral("mint-config-tests");
}

inline CredentialResult await(const QFuture<CredentialResult>& future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 30'000))
        qFatal("a CredentialStore future never finished");
    return future.result();
}

inline bool keychainRequired()
{
    return qEnvironmentVariableIntValue("MINT_REQUIRE_KEYCHAIN") == 1;
}

// True when the keychain answers (a read of a missing key says NotFound).
inline bool keychainAnswers(CredentialStore& store)
{
    return await(store.read(QStringLiteral("availability-probe"))).status
           != CredentialResult::Status::Unavailable;
}

} // namespace KeychainTestSupport

// Skips (or, where required, fails) the rest of a test when the keychain does not answer.
#define MINT_REQUIRE_KEYCHAIN_OR_SKIP(store)                                                       \
    do {                                                                                           \
        if (!KeychainTestSupport::keychainAnswers(store)) {                                        \
            if (KeychainTestSupport::keychainRequired())                                           \
                QFAIL(                                                                             \
                    "the system keychain is required (MINT_REQUIRE_KEYCHAIN=1) but unavailable");  \
            QSKIP("no system keychain here (run inside scripts/lib/with-keyring.sh)");             \
        }                                                                                          \
    } while (false)
