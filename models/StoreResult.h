#pragma once

#include "StoreError.h"

#include <utility>

// The result of a store operation: a value, or a StoreError. Travels inside QFuture, so it is
// copyable and never throws.
struct Done {};

template <typename T> class StoreResult final {
public:
    StoreResult() = default;
    StoreResult(T value)
        : m_value(std::move(value))
    {
    }
    StoreResult(StoreError error)
        : m_error(std::move(error))
    {
    }

    [[nodiscard]] bool ok() const { return !m_error.isError(); }
    [[nodiscard]] const T& value() const { return m_value; }
    [[nodiscard]] T& value() { return m_value; }
    [[nodiscard]] const StoreError& error() const { return m_error; }

private:
    T m_value{};
    StoreError m_error;
};
