#pragma once

#include "FormDialog.h"
#include "crypto/Kdf.h"

class LocalVaultStore;
class NewPasswordFields;

// Creates a new local vault file protected by a password typed twice (at least 8 characters,
// with a strength hint). The key derivation runs off the UI thread while a busy bar shows.
class CreateVaultDialog final : public FormDialog {
    Q_OBJECT
public:
    explicit CreateVaultDialog(LocalVaultStore* store, QWidget* parent = nullptr);

    // Tests and benchmarks only: KDF parameters below the DESIGN floor, for speed.
    void setKdfParams(const KdfParams& params, bool allowWeak);

protected:
    [[nodiscard]] bool canSubmit() const override;
    void submit() override;
    void setInputsEnabled(bool enabled) override;
    void clearSensitive() override;

private:
    LocalVaultStore* m_store;
    NewPasswordFields* m_new;
    std::optional<KdfParams> m_params;
    bool m_allowWeak = false;
};
