#include "CliCommands.h"

#include "StdinReader.h"
#include "TerminalPassword.h"

#include "NameRules.h"
#include "SecretStore.h"
#include "crypto/Kdf.h"
#include "crypto/Random.h"

#include <QCollator>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

// Passwords are lines; anything longer than this is refused rather than truncated.
constexpr qsizetype MaxPasswordSize = 4096;

// ISO 8601 in UTC to the second, e.g. 2024-05-01T12:00:00Z.
QByteArray isoUtc(const QDateTime& time)
{
    const QDateTime utc = time.toUTC();
    const QDate date = utc.date();
    const QTime clock = utc.time();
    char buffer[40];
    const int n =
        std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", date.year(),
                      date.month(), date.day(), clock.hour(), clock.minute(), clock.second());
    return QByteArray(buffer, n);
}

// A JSON string literal (RFC 8259) holding text.
QByteArray jsonString(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (const char c : utf8) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", unsigned(c));
            out += escaped;
        } else {
            out += c;
        }
    }
    out += '"';
    return out;
}

void writeBytes(FILE* stream, QByteArrayView bytes)
{
    std::fwrite(bytes.data(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

void writeTo(FILE* stream, const QString& text)
{
    writeBytes(stream, text.toUtf8());
}

} // namespace

CliCommands::CliCommands(QObject* parent)
    : QObject(parent)
{
}

CliCommands::~CliCommands() = default;

int CliCommands::exitCodeFor(StoreError::Code code)
{
    using Code = StoreError::Code;
    switch (code) {
    case Code::None:
        return Success;
    case Code::WrongPassword:
    case Code::Locked:
    case Code::PermissionDenied:
        return AuthError;
    case Code::NameTaken:
    case Code::NameInvalid:
    case Code::ValueEmpty:
    case Code::ValueTooLarge:
    case Code::StaleVersion:
    case Code::NotFound:
    case Code::WeakKdf:
        return RejectedError;
    case Code::NotAVault:
    case Code::UnsupportedVersion:
    case Code::Corrupted:
    case Code::DamagedRecord:
    case Code::VaultExists:
    case Code::Io:
        return FileError;
    case Code::SignInFailed:
    case Code::Unreachable:
    case Code::TlsUntrusted:
    case Code::RateLimited:
    case Code::ServerError:
    case Code::ReadOnly:
    case Code::OutcomeUnknown:
        return FileError; // the CLI only opens local vaults
    }
    return FileError;
}

void CliCommands::run(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Manage the secrets of a Mint Config vault.\n"
           "\n"
           "Commands:\n"
           "  init               Create a new vault (asks for its password twice).\n"
           "  list [--json]      List names, reference IDs and dates (never values).\n"
           "  add NAME           Add a secret; prints its reference ID.\n"
           "  set-value NAME     Replace the value of a secret.\n"
           "  rename NAME NEW    Rename a secret (its reference ID stays).\n"
           "  delete NAME        Delete a secret (asks first on a terminal).\n"
           "  passwd             Change the vault password.\n"
           "  verify             Check the file and every record (never prints a value).\n"
           "\n"
           "Passwords and values never come from arguments or the environment: they are asked\n"
           "on the terminal with echo off, or read from stdin with --password-stdin (first line:\n"
           "the password; for passwd a second line: the new one; for add and set-value the rest\n"
           "of stdin, one trailing newline removed, is the value). Without --password-stdin a\n"
           "value is read from stdin when stdin is not a terminal.\n"
           "\n"
           "Exit codes: 0 success, 1 usage, 2 wrong password, 3 not found, name taken or\n"
           "invalid input, 4 file errors."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption vaultOption(
        QStringLiteral("vault"),
        tr("The vault file (default: %1).")
            .arg(QDir::toNativeSeparators(LocalVaultStore::defaultPath())),
        tr("path"));
    const QCommandLineOption passwordStdinOption(
        QStringLiteral("password-stdin"),
        tr("Read the password (and the value) from stdin instead of the terminal."));
    const QCommandLineOption jsonOption(QStringLiteral("json"),
                                        tr("list: print one JSON array of objects."));
    const QCommandLineOption kdfTimeOption(
        QStringLiteral("kdf-time-ms"),
        tr("init, passwd: calibrate the key derivation to about this many milliseconds."),
        tr("ms"));
    const QCommandLineOption allowWeakOption(
        QStringLiteral("allow-weak-kdf"),
        tr("init, passwd: accept key derivation below the minimum (tests and benchmarks only)."));
    // Read by main() before this parser runs (Translations::languageArgument); listed for --help.
    const QCommandLineOption langOption(
        QStringLiteral("lang"),
        tr("Language of the messages, e.g. nb or en (default: the system's)."), tr("language"));
    parser.addOptions(
        {vaultOption, passwordStdinOption, jsonOption, kdfTimeOption, allowWeakOption, langOption});
    parser.addPositionalArgument(QStringLiteral("command"), tr("The command to run (see above)."),
                                 tr("<command> [arguments]"));

    if (!parser.parse(arguments))
        return fail(UsageError, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        print(parser.helpText());
        return finish();
    }
    if (parser.isSet(QStringLiteral("version"))) {
        print(QStringLiteral("mint-config-cli %1\n").arg(QCoreApplication::applicationVersion()));
        return finish();
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return fail(UsageError, tr("No command given. Run with --help to see the commands."));
    const QString command = positional.first();
    const QStringList args = positional.mid(1);

    m_options.vaultPath =
        parser.isSet(vaultOption) ? parser.value(vaultOption) : LocalVaultStore::defaultPath();
    if (m_options.vaultPath.isEmpty())
        return fail(UsageError, tr("The vault path is empty."));
    m_options.passwordStdin = parser.isSet(passwordStdinOption);
    m_options.json = parser.isSet(jsonOption);
    m_options.allowWeakKdf = parser.isSet(allowWeakOption);
    if (parser.isSet(kdfTimeOption)) {
        bool ok = false;
        const int ms = parser.value(kdfTimeOption).toInt(&ok);
        if (!ok || ms < 1 || ms > 60000)
            return fail(UsageError, tr("--kdf-time-ms needs a whole number from 1 to 60000."));
        m_options.kdfTimeMs = ms;
    }

    const bool kdfCommand = command == QLatin1String("init") || command == QLatin1String("passwd");
    if (m_options.json && command != QLatin1String("list"))
        return fail(UsageError, tr("--json applies to list only."));
    if ((m_options.kdfTimeMs || m_options.allowWeakKdf) && !kdfCommand)
        return fail(UsageError, tr("--kdf-time-ms and --allow-weak-kdf apply to init and passwd "
                                   "only."));

    const auto expect = [&](qsizetype count, const QString& usage) {
        if (args.size() == count)
            return true;
        fail(UsageError, tr("Usage: mint-config-cli [--vault PATH] %1").arg(usage));
        return false;
    };

    m_store = std::make_unique<LocalVaultStore>(m_options.vaultPath);
    if (command == QLatin1String("init")) {
        if (expect(0, QStringLiteral("init [--kdf-time-ms N]")))
            init();
    } else if (command == QLatin1String("list")) {
        if (expect(0, QStringLiteral("list [--json]")))
            list();
    } else if (command == QLatin1String("add")) {
        if (expect(1, QStringLiteral("add NAME")))
            add(args.at(0));
    } else if (command == QLatin1String("set-value")) {
        if (expect(1, QStringLiteral("set-value NAME")))
            setValue(args.at(0));
    } else if (command == QLatin1String("rename")) {
        if (expect(2, QStringLiteral("rename NAME NEW")))
            rename(args.at(0), args.at(1));
    } else if (command == QLatin1String("delete")) {
        if (expect(1, QStringLiteral("delete NAME")))
            remove(args.at(0));
    } else if (command == QLatin1String("passwd")) {
        if (expect(0, QStringLiteral("passwd [--kdf-time-ms N]")))
            passwd();
    } else if (command == QLatin1String("verify")) {
        if (expect(0, QStringLiteral("verify")))
            verify();
    } else {
        fail(UsageError,
             tr("Unknown command “%1”. Run with --help to see the commands.").arg(command));
    }
}

// --- commands ---------------------------------------------------------------------------------

void CliCommands::init()
{
    if (LocalVaultStore::fileExists(m_options.vaultPath))
        return fail(StoreError(StoreError::Code::VaultExists));
    std::optional<SecretValue> password =
        readNewPassword(tr("New vault password: "), tr("Repeat the new vault password: "));
    if (!password)
        return;
    m_password = std::move(*password);
    kdfParamsThen([this](std::optional<KdfParams> params) {
        m_store
            ->initialize(std::move(m_password), params.value_or(Kdf::defaults()),
                         m_options.allowWeakKdf)
            .then(this, [this](const StoreResult<Done>& result) {
                if (!result.ok())
                    return fail(result.error());
                print(tr("Created vault %1\n").arg(QDir::toNativeSeparators(m_options.vaultPath)));
                finish();
            });
    });
}

void CliCommands::list()
{
    if (!requireVault())
        return;
    unlockThen([this] {
        m_store->list().then(this, [this](StoreResult<QList<Secret>> result) {
            if (!result.ok())
                return fail(result.error());
            const QList<Secret>& secrets = result.value();
            // Sorted by name as people expect it: locale-aware, ignoring case.
            QCollator collator;
            collator.setCaseSensitivity(Qt::CaseInsensitive);
            collator.setNumericMode(true);
            std::vector<QCollatorSortKey> keys;
            keys.reserve(size_t(secrets.size()));
            std::vector<qsizetype> order(size_t(secrets.size()));
            for (qsizetype i = 0; i < secrets.size(); ++i) {
                keys.push_back(collator.sortKey(secrets.at(i).name));
                order[size_t(i)] = i;
            }
            std::stable_sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) {
                return keys[size_t(a)].compare(keys[size_t(b)]) < 0;
            });

            QByteArray out;
            out.reserve((secrets.size() + 1) * 128);
            if (m_options.json) {
                // One array, one object per line; built directly (10,000 rows in a few ms).
                out += '[';
                for (qsizetype i : order) {
                    const Secret& s = secrets.at(i);
                    out += i == order.front() ? "\n  {\"id\": \"" : ",\n  {\"id\": \"";
                    out += s.id.toByteArray(QUuid::WithoutBraces);
                    out += "\", \"name\": ";
                    out += s.damaged ? QByteArray("null") : jsonString(s.name);
                    out += ", \"createdAt\": \"" + isoUtc(s.createdAt);
                    out += "\", \"updatedAt\": \"" + isoUtc(s.updatedAt);
                    out += "\", \"version\": " + QByteArray::number(s.version);
                    if (s.damaged)
                        out += ", \"damaged\": true";
                    out += '}';
                }
                out += secrets.isEmpty() ? "]\n" : "\n]\n";
            } else {
                const auto cell = [&out](QByteArrayView text, qsizetype width) {
                    out += text;
                    out += QByteArray(qMax<qsizetype>(2, width - text.size() + 2), ' ');
                };
                cell(tr("REFERENCE ID").toUtf8(), 36);
                cell(tr("CREATED").toUtf8(), 20);
                cell(tr("UPDATED").toUtf8(), 20);
                out += tr("NAME").toUtf8() + '\n';
                const QByteArray damaged = tr("(damaged record: only delete is possible)").toUtf8();
                for (qsizetype i : order) {
                    const Secret& s = secrets.at(i);
                    cell(s.id.toByteArray(QUuid::WithoutBraces), 36);
                    cell(isoUtc(s.createdAt), 20);
                    cell(isoUtc(s.updatedAt), 20);
                    out += s.damaged ? damaged : s.name.toUtf8();
                    out += '\n';
                }
            }
            writeBytes(stdout, out);
            finish();
        });
    });
}

void CliCommands::add(const QString& name)
{
    if (StoreError error = SecretStore::checkName(name); error.isError())
        return fail(error);
    if (!requireVault())
        return;
    if (!readPasswordAndValue(name))
        return;
    unlockThen([this, name] {
        m_store->create(name, std::move(m_value))
            .then(this, [this](const StoreResult<Secret>& result) {
                if (!result.ok())
                    return fail(result.error());
                print(result.value().id.toString(QUuid::WithoutBraces) + u'\n');
                finish();
            });
    });
}

void CliCommands::setValue(const QString& name)
{
    if (!requireVault())
        return;
    if (!readPasswordAndValue(name))
        return;
    unlockThen([this, name] {
        findThen(name, [this](const Secret& secret) {
            m_store->update(secret.id, secret.version, std::nullopt, std::move(m_value))
                .then(this, [this](const StoreResult<Secret>& result) {
                    if (!result.ok())
                        return fail(result.error());
                    finish();
                });
        });
    });
}

void CliCommands::rename(const QString& name, const QString& newName)
{
    if (StoreError error = SecretStore::checkName(newName); error.isError())
        return fail(error);
    if (!requireVault())
        return;
    unlockThen([this, name, newName] {
        findThen(name, [this, newName](const Secret& secret) {
            m_store->update(secret.id, secret.version, newName, std::nullopt)
                .then(this, [this](const StoreResult<Secret>& result) {
                    if (!result.ok())
                        return fail(result.error());
                    finish();
                });
        });
    });
}

void CliCommands::remove(const QString& name)
{
    if (!requireVault())
        return;
    unlockThen([this, name] {
        findThen(name, [this](const Secret& secret) {
            if (StdinReader::isTerminal()) {
                // "y" and "yes" always work, and so do the answers in the user's language.
                const QString yes = tr("y", "the one-letter answer yes");
                const std::optional<QString> answer = TerminalPassword::ask(
                    tr("Delete secret “%1”? Flows that reference it will fail. [%2/N] ")
                        .arg(secret.name, yes));
                const QString a = answer.value_or(QString()).trimmed().toLower();
                const QStringList accepted{QStringLiteral("y"), QStringLiteral("yes"),
                                           yes.toLower(), tr("yes").toLower()};
                if (!accepted.contains(a))
                    return fail(UsageError, tr("Cancelled; nothing was deleted."));
            }
            m_store->remove(secret.id, secret.version)
                .then(this, [this](const StoreResult<Done>& result) {
                    if (!result.ok())
                        return fail(result.error());
                    finish();
                });
        });
    });
}

void CliCommands::passwd()
{
    if (!requireVault())
        return;
    std::optional<SecretValue> current = readPassword(tr("Current vault password: "));
    if (!current)
        return;
    m_password = std::move(*current);
    std::optional<SecretValue> next =
        readNewPassword(tr("New vault password: "), tr("Repeat the new vault password: "));
    if (!next)
        return;
    m_newPassword = std::move(*next);
    kdfParamsThen([this](std::optional<KdfParams> params) {
        m_store->unlock(m_password.clone()).then(this, [this, params](const StoreResult<Done>& r) {
            if (!r.ok())
                return fail(r.error());
            m_store
                ->changePassword(std::move(m_password), std::move(m_newPassword), params,
                                 m_options.allowWeakKdf)
                .then(this, [this](const StoreResult<Done>& result) {
                    if (!result.ok())
                        return fail(result.error());
                    print(tr("Password changed.\n"));
                    finish();
                });
        });
    });
}

void CliCommands::verify()
{
    if (!requireVault())
        return;
    unlockThen([this] {
        m_store->verify().then(this, [this](const StoreResult<VaultReport>& result) {
            if (!result.ok())
                return fail(result.error());
            const VaultReport& report = result.value();
            if (report.ok()) {
                print(tr("The file structure and every record are intact (%1 checked).")
                          .arg(report.checked)
                      + u'\n');
                return finish();
            }
            // One line per finding on stdout (IDs, what failed, names: never a value), then the
            // verdict on stderr.
            QString out;
            for (const QString& finding : report.structure)
                out += tr("File structure: %1").arg(finding) + u'\n';
            for (const VaultReport::Record& record : report.damaged) {
                QStringList problems;
                if (record.problems & VaultReport::NameDamaged)
                    problems << tr("name damaged");
                if (record.problems & VaultReport::IndexMismatch)
                    problems << tr("name index does not match");
                if (record.problems & VaultReport::ValueDamaged)
                    problems << tr("value damaged");
                out +=
                    record.id.toString(QUuid::WithoutBraces) + u"  "_qs + problems.join(u", "_qs);
                if (!record.name.isEmpty())
                    out += u"  "_qs + record.name;
                out += u'\n';
            }
            print(out);
            if (report.damaged.isEmpty())
                return fail(FileError,
                            tr("The vault file's structure is damaged (see above), although "
                               "every record is intact. Restore it from a backup."));
            fail(FileError, tr("Damaged or tampered with: %1 of %2 records (listed above). "
                               "Delete them in Mint Config, or replace a damaged value with a "
                               "new one.")
                                .arg(report.damaged.size())
                                .arg(report.checked));
        });
    });
}

// --- steps ------------------------------------------------------------------------------------

bool CliCommands::requireVault()
{
    if (LocalVaultStore::fileExists(m_options.vaultPath))
        return true;
    fail(FileError, tr("There is no vault at %1. Create one with: mint-config-cli --vault %1 init")
                        .arg(QDir::toNativeSeparators(m_options.vaultPath)));
    return false;
}

void CliCommands::unlockThen(std::function<void()> next)
{
    if (!m_havePassword) { // list, rename and delete read it only now
        std::optional<SecretValue> password = readPassword(tr("Vault password: "));
        if (!password)
            return;
        m_password = std::move(*password);
    }
    m_havePassword = false;
    m_store->unlock(std::move(m_password))
        .then(this, [this, next = std::move(next)](const StoreResult<Done>& result) {
            if (!result.ok())
                return fail(result.error());
            next();
        });
}

void CliCommands::findThen(const QString& name, std::function<void(const Secret&)> next)
{
    m_store->find(name).then(
        this, [this, next = std::move(next)](const StoreResult<Secret>& result) {
            if (!result.ok()) {
                if (result.error().code() == StoreError::Code::NotFound)
                    return fail(RejectedError, tr("There is no secret with this name."));
                return fail(result.error());
            }
            next(result.value());
        });
}

bool CliCommands::readPasswordAndValue(const QString& name)
{
    std::optional<SecretValue> password = readPassword(tr("Vault password: "));
    if (!password)
        return false;
    m_password = std::move(*password);
    m_havePassword = true;
    std::optional<SecretValue> value = readValue(name);
    if (!value)
        return false;
    m_value = std::move(*value);
    return true;
}

std::optional<SecretValue> CliCommands::readPassword(const QString& prompt)
{
    std::optional<SecretValue> password;
    if (m_options.passwordStdin) {
        password = StdinReader::readLine(MaxPasswordSize);
        if (!password) {
            fail(UsageError, tr("--password-stdin: standard input has no password line."));
            return std::nullopt;
        }
    } else {
        if (!TerminalPassword::available()) {
            fail(UsageError, tr("There is no terminal to ask for the password on; use "
                                "--password-stdin."));
            return std::nullopt;
        }
        password = TerminalPassword::readHidden(prompt, MaxPasswordSize);
        if (!password) {
            fail(UsageError, tr("No password was entered."));
            return std::nullopt;
        }
    }
    if (password->size() > MaxPasswordSize) {
        fail(RejectedError, tr("The password is longer than %1 bytes.").arg(MaxPasswordSize));
        return std::nullopt;
    }
    return password;
}

std::optional<SecretValue> CliCommands::readNewPassword(const QString& prompt,
                                                        const QString& repeatPrompt)
{
    std::optional<SecretValue> password = readPassword(prompt);
    if (!password)
        return std::nullopt;
    if (password->isEmpty()) {
        fail(RejectedError, tr("The new password cannot be empty."));
        return std::nullopt;
    }
    if (!m_options.passwordStdin) {
        std::optional<SecretValue> repeat = readPassword(repeatPrompt);
        if (!repeat)
            return std::nullopt;
        if (!repeat->equals(*password)) {
            fail(RejectedError, tr("The passwords do not match; nothing was changed."));
            return std::nullopt;
        }
    }
    return password;
}

std::optional<SecretValue> CliCommands::readValue(const QString& name)
{
    SecretValue value;
    if (m_options.passwordStdin || !StdinReader::isTerminal()) {
        value = StdinReader::readToEnd(SecretStore::MaxValueSize);
    } else {
        std::optional<SecretValue> typed = TerminalPassword::readHidden(
            tr("Value for “%1” (input hidden): ").arg(NameRules::clean(name)),
            SecretStore::MaxValueSize);
        if (!typed) {
            fail(UsageError, tr("No value was entered."));
            return std::nullopt;
        }
        value = std::move(*typed);
    }
    if (StoreError error = SecretStore::checkValue(value); error.isError()) {
        fail(error);
        return std::nullopt;
    }
    return value;
}

void CliCommands::kdfParamsThen(std::function<void(std::optional<KdfParams>)> next)
{
    if (!m_options.kdfTimeMs)
        return next(std::nullopt);
    QtConcurrent::run([timeMs = *m_options.kdfTimeMs] {
        const KdfParams params = Kdf::calibrate(timeMs);
        Random::releaseThreadState();
        return params;
    }).then(this, [this, next = std::move(next)](const KdfParams& params) {
        if (!m_options.allowWeakKdf && !Kdf::meetsFloor(params))
            return fail(RejectedError,
                        tr("%1 ms of key derivation is below the minimum allowed (scrypt "
                           "N = 2^17); use a longer time, or --allow-weak-kdf for tests.")
                            .arg(*m_options.kdfTimeMs));
        next(params);
    });
}

// --- output -----------------------------------------------------------------------------------

void CliCommands::print(const QString& text)
{
    writeTo(stdout, text);
}

void CliCommands::fail(const StoreError& error)
{
    fail(exitCodeFor(error.code()), error.message());
}

void CliCommands::fail(int exitCode, const QString& message)
{
    if (m_finished)
        return;
    writeTo(stderr, QStringLiteral("mint-config-cli: %1\n").arg(message));
    finish(exitCode);
}

void CliCommands::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    m_password.clear();
    m_newPassword.clear();
    m_value.clear();
    if (m_store && m_store->isOpen())
        m_store->lock();
    QCoreApplication::exit(exitCode);
}
