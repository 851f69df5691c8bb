#pragma once

#include <QByteArray>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

// A throw-away PKI made in-process with OpenSSL 3: an EC P-256 self-signed CA and a server
// certificate for 127.0.0.1 / localhost (or one chosen name) signed by it. Clients trust caPem()
// and nothing else.
class ServerTls final {
public:
    // Generates the CA and the server certificate for 127.0.0.1, ::1 and localhost, or for
    // serverName alone when it is set (an IP address or a DNS name); false (with errorString())
    // on failure.
    bool generate(const QString& serverName = {});

    [[nodiscard]] QByteArray caPem() const { return m_caPem; }
    [[nodiscard]] QSslCertificate serverCertificate() const { return m_serverCertificate; }
    [[nodiscard]] QSslKey serverKey() const { return m_serverKey; }
    [[nodiscard]] QString errorString() const { return m_errorString; }

private:
    QByteArray m_caPem;
    QSslCertificate m_serverCertificate;
    QSslKey m_serverKey;
    QString m_errorString;
};
