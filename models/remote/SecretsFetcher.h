#pragma once

#include "Secret.h"
#include "StoreResult.h"
#include "remote/ApiResponses.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QString>
#include <QUuid>

class ApiClient;

// Reads secrets metadata from /mint/v1 (docs/api.md §4): the full collection page by page, and
// the changes feed. Only reads: applying the results is the store's business.
class SecretsFetcher final : public QObject {
    Q_OBJECT
public:
    using Change = ApiResponses::Change;
    struct Changes {
        QList<Change> changes;
        QString cursor;
        bool cursorExpired = false; // 410: the caller does a full sync
    };
    struct Snapshot {
        QList<Secret> secrets;
        QString cursor; // empty when the server has no changes feed
    };

    static constexpr int PageSize = 100; // the contract's largest page
    static constexpr int ChangesPageSize = 1000;

    explicit SecretsFetcher(ApiClient* api, QObject* parent = nullptr);

    // Every secret: keyset pages of 100 in id order (sort=id&after=<last id>), one after the
    // other until a page is short, then the changes since the first page's cursor replayed onto
    // them (docs/api.md §4, full sync). Deletions and renames while paging cannot shift a
    // keyset, so no unchanged secret is skipped.
    QFuture<StoreResult<Snapshot>> fetchAll();
    // The changes since cursor, every hasMore page included.
    QFuture<StoreResult<Changes>> fetchChanges(const QString& since);

private:
    struct FullSync;
    struct ChangesRead;
    void requestPage(const std::shared_ptr<FullSync>& sync);
    void finishPages(const std::shared_ptr<FullSync>& sync);
    void requestChanges(const std::shared_ptr<ChangesRead>& read);

    ApiClient* m_api;
};
