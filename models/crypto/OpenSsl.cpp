#include "OpenSsl.h"

#include <openssl/evp.h>
#include <openssl/kdf.h>

#include <memory>

namespace {
struct KdfCtxDeleter {
    void operator()(EVP_KDF_CTX* ctx) const { EVP_KDF_CTX_free(ctx); }
};
using KdfCtx = std::unique_ptr<EVP_KDF_CTX, KdfCtxDeleter>;

KdfCtx newKdf(const char* name)
{
    const OpenSsl::ErrorMark mark;
    EVP_KDF* kdf = EVP_KDF_fetch(nullptr, name, nullptr);
    if (!kdf)
        return {};
    KdfCtx ctx(EVP_KDF_CTX_new(kdf));
    EVP_KDF_free(kdf);
    return ctx;
}
} // namespace

namespace OpenSsl {

OSSL_PARAM octets(const char* key, QByteArrayView bytes)
{
    static char empty = 0;
    void* data = bytes.isEmpty() ? &empty : const_cast<char*>(bytes.data());
    return OSSL_PARAM_construct_octet_string(key, data, size_t(bytes.size()));
}

bool hasKdf(const char* name)
{
    return bool(newKdf(name));
}

bool deriveKdf(const char* name, const OSSL_PARAM* params, unsigned char* out, qsizetype length)
{
    const KdfCtx ctx = newKdf(name);
    return ctx && length > 0 && EVP_KDF_derive(ctx.get(), out, size_t(length), params) == 1;
}

} // namespace OpenSsl
