// Secret-name validation (DESIGN §2): NameRules and SecretStore::checkName on any text.
// Invariants: an accepted name is 1-100 code points after cleaning, with no control or format
// character; cleaning is idempotent and keeps a name acceptable; the uniqueness key of a name
// and of its cleaned form agree.

#include "FuzzSupport.h"
#include "NameRules.h"
#include "SecretStore.h"

#include <QChar>

#include <cstring>

int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    FuzzSupport::Input input(data, size);
    const std::uint8_t encoding = input.byte();
    const QByteArrayView bytes = input.rest();
    // UTF-8 as typed into a field or read from JSON; UTF-16 as a QString may hold it (lone
    // surrogates included).
    QString name;
    if (encoding & 1) {
        name = QString::fromUtf8(bytes);
    } else {
        name.resize(bytes.size() / 2);
        std::memcpy(name.data(), bytes.data(), size_t(name.size()) * sizeof(QChar));
    }

    const QString problem = NameRules::problem(name);
    const QString cleaned = NameRules::clean(name);
    FUZZ_CHECK(NameRules::clean(cleaned) == cleaned);
    FUZZ_CHECK(NameRules::uniquenessKey(cleaned) == NameRules::uniquenessKey(name));
    FUZZ_CHECK(SecretStore::checkName(name).isError() == !problem.isEmpty());
    if (problem.isEmpty()) {
        const QList<uint> codePoints = cleaned.toUcs4();
        FUZZ_CHECK(!codePoints.isEmpty() && codePoints.size() <= NameRules::MaxLength);
        for (const uint c : codePoints) {
            const QChar::Category category = QChar::category(char32_t(c));
            FUZZ_CHECK(category != QChar::Other_Control && category != QChar::Other_Format);
        }
        FUZZ_CHECK(NameRules::problem(cleaned).isEmpty());
        FUZZ_CHECK(cleaned == cleaned.trimmed());
    }
    return 0;
}
