#include "StoreError.h"

#include <QCoreApplication>

StoreError::StoreError(Code code, QString message)
    : m_code(code)
    , m_message(message.isEmpty() ? standardMessage(code) : std::move(message))
{
}

QString StoreError::standardMessage(Code code)
{
    switch (code) {
    case Code::None:
        return {};
    case Code::WrongPassword:
        return tr("The password is not correct for this vault.");
    case Code::NotAVault:
        return tr("This file is not a Mint Config vault.");
    case Code::UnsupportedVersion:
        return tr(
            "This vault was written by a newer version of Mint Config. Update the app to open "
            "it.");
    case Code::Corrupted:
        return tr("The vault file is damaged or incomplete; nothing was changed.");
    case Code::DamagedRecord:
        return tr("This secret's record is damaged or was tampered with; it can only be deleted.");
    case Code::VaultExists:
        return tr("A vault already exists at this location.");
    case Code::Locked:
        return tr("The vault is locked. Unlock it first.");
    case Code::NameTaken:
        return tr("A secret with this name already exists (names ignore case).");
    case Code::NameInvalid:
        return tr("The name is not valid.");
    case Code::ValueEmpty:
        return tr("Enter a value: a secret cannot be empty.");
    case Code::ValueTooLarge:
        return tr("The value is larger than 64 KiB.");
    case Code::StaleVersion:
        return tr("This secret was changed elsewhere since you opened it. Reload and try again.");
    case Code::NotFound:
        return tr("This secret no longer exists.");
    case Code::WeakKdf:
        return tr("The key derivation settings are weaker than the minimum allowed.");
    case Code::PermissionDenied:
        return tr("You do not have permission to do this.");
    case Code::Io:
        return tr("The vault file could not be read or written.");
    case Code::SignInFailed:
        return tr("The server did not accept the client ID or client secret.");
    case Code::Unreachable:
        return tr("The server could not be reached. Check the connection and try again.");
    case Code::TlsUntrusted:
        return tr("The server's certificate could not be verified, so the connection was "
                  "refused.");
    case Code::RateLimited:
        return tr("The server is busy. Try again in a moment.");
    case Code::ServerError:
        return tr("The server could not complete the request. Try again later.");
    case Code::ReadOnly:
        return tr("You are offline: this is the last synced copy and it cannot be changed.");
    case Code::OutcomeUnknown:
        return tr("The connection was lost before the server answered. The secret was reloaded "
                  "to show its current state; check it before trying again.");
    }
    return {};
}
