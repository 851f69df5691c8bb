#include "ServerTls.h"

#include <QHostAddress>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct X509Free {
    void operator()(X509* certificate) const { X509_free(certificate); }
};
struct BioFree {
    void operator()(BIO* bio) const { BIO_free(bio); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Certificate = std::unique_ptr<X509, X509Free>;
using Bio = std::unique_ptr<BIO, BioFree>;

QByteArray bioContents(BIO* bio)
{
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(length));
}

bool addExtension(X509* certificate, X509* issuer, int nid, const char* value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    if (!extension)
        return false;
    const bool ok = X509_add_ext(certificate, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    return ok;
}

bool setRandomSerial(X509* certificate)
{
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1)
        return false;
    bytes[0] &= 0x7f; // positive
    BIGNUM* number = BN_bin2bn(bytes, sizeof bytes, nullptr);
    if (!number)
        return false;
    const bool ok = BN_to_ASN1_INTEGER(number, X509_get_serialNumber(certificate)) != nullptr;
    BN_free(number);
    return ok;
}

// A certificate for key, named commonName, issued by issuer (itself when issuer is null).
Certificate makeCertificate(EVP_PKEY* key, const char* commonName, X509* issuer,
                            EVP_PKEY* issuerKey, bool isCa, const char* altNames = nullptr)
{
    Certificate certificate(X509_new());
    if (!certificate || X509_set_version(certificate.get(), 2) != 1
        || !setRandomSerial(certificate.get()))
        return {};
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 7L * 24 * 3600);
    if (X509_set_pubkey(certificate.get(), key) != 1)
        return {};
    X509_NAME* name = X509_get_subject_name(certificate.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("Mint Config test"), -1, -1,
                               0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(commonName), -1, -1, 0);
    X509* signer = issuer ? issuer : certificate.get();
    if (X509_set_issuer_name(certificate.get(), X509_get_subject_name(signer)) != 1)
        return {};

    bool ok = addExtension(certificate.get(), signer, NID_subject_key_identifier, "hash");
    if (isCa) {
        ok = ok
             && addExtension(certificate.get(), signer, NID_basic_constraints,
                             "critical,CA:TRUE,pathlen:0")
             && addExtension(certificate.get(), signer, NID_key_usage,
                             "critical,keyCertSign,cRLSign");
    } else {
        ok =
            ok
            && addExtension(certificate.get(), signer, NID_authority_key_identifier, "keyid:always")
            && addExtension(certificate.get(), signer, NID_basic_constraints, "critical,CA:FALSE")
            && addExtension(certificate.get(), signer, NID_key_usage, "critical,digitalSignature")
            && addExtension(certificate.get(), signer, NID_ext_key_usage, "serverAuth")
            && addExtension(certificate.get(), signer, NID_subject_alt_name, altNames);
    }
    if (!ok || X509_sign(certificate.get(), issuerKey, EVP_sha256()) <= 0)
        return {};
    return certificate;
}

QByteArray certificatePem(X509* certificate)
{
    Bio bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), certificate) != 1)
        return {};
    return bioContents(bio.get());
}

} // namespace

bool ServerTls::generate(const QString& serverName)
{
    // The server's names: loopback by default, or the one name asked for (an IP or a DNS name).
    QByteArray commonName = QByteArrayLiteral("localhost");
    QByteArray altNames = QByteArrayLiteral("IP:127.0.0.1,IP:::1,DNS:localhost");
    if (!serverName.isEmpty()) {
        commonName = serverName.toUtf8();
        altNames = (QHostAddress(serverName).isNull() ? QByteArrayLiteral("DNS:")
                                                      : QByteArrayLiteral("IP:"))
                   + commonName;
    }
    Pkey caKey(EVP_EC_gen("P-256"));
    Pkey serverKey(EVP_EC_gen("P-256"));
    if (!caKey || !serverKey) {
        m_errorString = QStringLiteral("could not generate EC keys");
        return false;
    }
    Certificate ca =
        makeCertificate(caKey.get(), "Mint Config test CA", nullptr, caKey.get(), true);
    if (!ca) {
        m_errorString = QStringLiteral("could not make the CA certificate");
        return false;
    }
    Certificate server = makeCertificate(serverKey.get(), commonName.constData(), ca.get(),
                                         caKey.get(), false, altNames.constData());
    if (!server) {
        m_errorString = QStringLiteral("could not make the server certificate");
        return false;
    }

    m_caPem = certificatePem(ca.get());
    m_serverCertificate = QSslCertificate(certificatePem(server.get()), QSsl::Pem);

    Bio keyBio(BIO_new(BIO_s_mem()));
    if (!keyBio
        || PEM_write_bio_PrivateKey(keyBio.get(), serverKey.get(), nullptr, nullptr, 0, nullptr,
                                    nullptr)
               != 1) {
        m_errorString = QStringLiteral("could not encode the server key");
        return false;
    }
    QByteArray keyPem = bioContents(keyBio.get());
    m_serverKey = QSslKey(keyPem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
    keyPem.fill('\0');
    if (m_caPem.isEmpty() || m_serverCertificate.isNull() || m_serverKey.isNull()) {
        m_errorString = QStringLiteral("could not load the generated certificate or key");
        return false;
    }
    return true;
}
