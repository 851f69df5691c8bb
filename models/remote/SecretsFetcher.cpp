#include "remote/SecretsFetcher.h"

#include "remote/ApiClient.h"
#include "remote/ApiResponses.h"

#include <QCoreApplication>
#include <QHash>
#include <QPromise>

namespace {
// A read that answers once, through its promise, after one or more pages.
template <typename T> struct PendingRead {
    QPromise<StoreResult<T>> promise;
    int pages = 0;
    bool done = false;

    QFuture<StoreResult<T>> start()
    {
        promise.start();
        return promise.future();
    }
    void finish(StoreResult<T> outcome)
    {
        done = true;
        promise.addResult(std::move(outcome));
        promise.finish();
    }
};
} // namespace

struct SecretsFetcher::FullSync : PendingRead<Snapshot> {
    QHash<QUuid, Secret> rows;
    QString cursor;
    QString after; // the last id of the previous page; empty before the first
};

struct SecretsFetcher::ChangesRead : PendingRead<Changes> {
    Changes result;
};

namespace {
constexpr int MaxChangesPages = 100'000; // a server that never stops saying hasMore

StoreError brokenAnswer()
{
    return StoreError(StoreError::Code::ServerError,
                      QCoreApplication::translate(
                          "RemoteApiStore", "The server sent secrets in a form this app does not "
                                            "understand."));
}
} // namespace

SecretsFetcher::SecretsFetcher(ApiClient* api, QObject* parent)
    : QObject(parent)
    , m_api(api)
{
}

QFuture<StoreResult<SecretsFetcher::Snapshot>> SecretsFetcher::fetchAll()
{
    auto sync = std::make_shared<FullSync>();
    QFuture<StoreResult<Snapshot>> future = sync->start();
    requestPage(sync);
    return future;
}

void SecretsFetcher::requestPage(const std::shared_ptr<FullSync>& sync)
{
    ApiRequest request;
    request.path = QStringLiteral("/secrets");
    request.query = {{QStringLiteral("sort"), QStringLiteral("id")},
                     {QStringLiteral("limit"), QString::number(PageSize)}};
    if (!sync->after.isEmpty())
        request.query.append({QStringLiteral("after"), sync->after});
    ++sync->pages;
    m_api->send(std::move(request)).then(this, [this, sync](ApiResponse response) {
        if (sync->done)
            return;
        if (!response.ok()) {
            sync->finish(response.error);
            return;
        }
        std::optional<ApiResponses::SecretsPage> page =
            ApiResponses::secretsPage(response.json, sync->after);
        if (!page) {
            sync->finish(brokenAnswer());
            return;
        }
        for (Secret& secret : page->items)
            sync->rows.insert(secret.id, std::move(secret));
        if (sync->pages == 1)
            sync->cursor = page->cursor;
        if (page->items.size() < PageSize) {
            finishPages(sync);
            return;
        }
        sync->after = page->lastId;
        requestPage(sync);
    });
}

void SecretsFetcher::finishPages(const std::shared_ptr<FullSync>& sync)
{
    sync->done = true;
    if (sync->cursor.isEmpty()) { // a server without a changes feed: the pages are all there is
        sync->finish(Snapshot{sync->rows.values(), {}});
        return;
    }
    // docs/api.md §4: replay the changes made while paging.
    fetchChanges(sync->cursor).then(this, [sync](StoreResult<Changes> changes) {
        if (!changes.ok()) {
            sync->finish(changes.error());
            return;
        }
        if (changes.value().cursorExpired) {
            sync->finish(StoreError(StoreError::Code::ServerError));
            return;
        }
        for (const Change& change : std::as_const(changes.value().changes)) {
            if (change.deleted)
                sync->rows.remove(change.id);
            else
                sync->rows.insert(change.id, change.secret);
        }
        sync->finish(Snapshot{sync->rows.values(), changes.value().cursor});
    });
}

QFuture<StoreResult<SecretsFetcher::Changes>> SecretsFetcher::fetchChanges(const QString& since)
{
    auto read = std::make_shared<ChangesRead>();
    read->result.cursor = since;
    QFuture<StoreResult<Changes>> future = read->start();
    requestChanges(read);
    return future;
}

void SecretsFetcher::requestChanges(const std::shared_ptr<ChangesRead>& read)
{
    ApiRequest request;
    request.path = QStringLiteral("/secrets/changes");
    request.query = {{QStringLiteral("since"), read->result.cursor},
                     {QStringLiteral("limit"), QString::number(ChangesPageSize)}};
    ++read->pages;
    m_api->send(std::move(request)).then(this, [this, read](ApiResponse response) {
        if (response.status == 410) {
            read->result.changes.clear();
            read->result.cursorExpired = true;
            read->finish(read->result);
            return;
        }
        if (!response.ok()) {
            read->finish(response.error);
            return;
        }
        std::optional<ApiResponses::ChangesPage> page = ApiResponses::changesPage(response.json);
        if (!page) {
            read->finish(brokenAnswer());
            return;
        }
        read->result.changes.append(std::move(page->changes));
        read->result.cursor = page->cursor;
        if (page->hasMore && read->pages < MaxChangesPages) {
            requestChanges(read);
            return;
        }
        read->finish(read->result);
    });
}
