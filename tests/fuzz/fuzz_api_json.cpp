// Every response body the client parses (docs/api.md): the secrets list, the changes feed, /me,
// references, one secret, the sealing key, the token endpoint and problem+json errors. Each
// input is one body, read as HttpTransport reads it and given to every decoder.
// Invariants: no crash; what a decoder accepts is what the UI may show (acceptable names,
// strictly rising ids, text without control characters and of bounded length); an error reply
// always becomes a StoreError with a sentence of bounded length.

#include "FuzzSupport.h"
#include "NameRules.h"
#include "remote/ApiErrors.h"
#include "remote/ApiResponses.h"
#include "remote/JsonMapping.h"

#include <QJsonDocument>

namespace {
constexpr int Statuses[] = {200, 201, 204, 400, 401, 403, 404, 409, 410, 412,
                            413, 415, 422, 429, 500, 502, 503, 0,   302, 418};
constexpr qsizetype MaxMessageLength = 4000;

bool displayable(const QString& text)
{
    return text == JsonMapping::displayText(text);
}

void checkSecret(const Secret& secret)
{
    FUZZ_CHECK(!secret.id.isNull());
    FUZZ_CHECK(NameRules::problem(secret.name).isEmpty());
    FUZZ_CHECK(displayable(secret.createdBy) && displayable(secret.updatedBy));
}

void checkError(const StoreError& error, bool success)
{
    FUZZ_CHECK(error.isError() != success);
    if (error.isError())
        FUZZ_CHECK(!error.message().isEmpty() && error.message().size() <= MaxMessageLength);
}
} // namespace

int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    FuzzSupport::Input input(data, size);
    const int status = Statuses[input.byte() % std::size(Statuses)];
    const QString after = input.utf8(40);
    HttpReply reply;
    reply.status = status;
    reply.body = input.rest().toByteArray();
    reply.json = QJsonDocument::fromJson(reply.body);
    const QJsonObject body = reply.json.object();

    if (const auto page = ApiResponses::secretsPage(body, after)) {
        QString previous = after;
        for (const Secret& secret : page->items) {
            checkSecret(secret);
            FUZZ_CHECK(JsonMapping::idText(secret.id) > previous || previous.isEmpty());
            previous = JsonMapping::idText(secret.id);
        }
    }
    if (const auto page = ApiResponses::changesPage(body)) {
        FUZZ_CHECK(!page->cursor.isEmpty());
        for (const ApiResponses::Change& change : page->changes) {
            FUZZ_CHECK(!change.id.isNull());
            if (!change.deleted)
                checkSecret(change.secret);
        }
    }
    if (const auto secret = ApiResponses::secret(body))
        checkSecret(*secret);
    const ApiResponses::Me me = ApiResponses::me(body);
    FUZZ_CHECK(displayable(me.subject) && me.roles.size() <= JsonMapping::MaxStrings);
    for (const QString& role : me.roles)
        FUZZ_CHECK(displayable(role));
    FUZZ_CHECK(me.grantedBy.size() <= 3);
    for (const FlowReference& reference : ApiResponses::references(body))
        FUZZ_CHECK(displayable(reference.flowName) && displayable(reference.stepName)
                   && displayable(reference.field) && !reference.flowName.isEmpty());
    if (const auto key = ApiResponses::publicKey(body))
        FUZZ_CHECK(key->key.size() == 32 && !key->keyId.isEmpty());
    if (const auto token = ApiResponses::token(body))
        FUZZ_CHECK(!token->accessToken.isEmpty() && token->lifetimeMs >= 1000);

    const bool success = status >= 200 && status < 300;
    checkError(ApiErrors::fromApiReply(reply), success);
    checkError(ApiErrors::fromTokenReply(reply), status == 200);
    (void)ApiErrors::problemType(body);
    return 0;
}
