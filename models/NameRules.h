#pragma once

#include <QString>

// The rules for secret names (DESIGN §2): trimmed, 1–100 characters, no control characters,
// unique ignoring case after Unicode NFC.
namespace NameRules {
inline constexpr qsizetype MaxLength = 100;

// The name as it is stored: trimmed and in NFC.
QString clean(const QString& name);
// The key for uniqueness and search: clean() then case-folded.
QString uniquenessKey(const QString& name);
// Empty when the name is acceptable, else one sentence saying what is wrong (translated).
QString problem(const QString& name);
} // namespace NameRules
