#include "remote/RemoteApiStore.h"

#include "NameRules.h"
#include "crypto/Random.h"
#include "crypto/Seal.h"
#include "remote/ApiClient.h"
#include "remote/ApiResponses.h"
#include "remote/JsonMapping.h"
#include "remote/MetadataCache.h"
#include "remote/SecretsFetcher.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QHash>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace {

constexpr int DefaultRefreshMs = 60'000;
constexpr int CacheSaveDelayMs = 250;
constexpr qint64 DefaultKeyMaxAgeMs = 3600'000;

template <typename T> QFuture<StoreResult<T>> ready(StoreResult<T> result)
{
    return QtFuture::makeReadyFuture(std::move(result));
}

template <typename T> QFuture<StoreResult<T>> failed(StoreError error)
{
    return QtFuture::makeReadyFuture(StoreResult<T>(std::move(error)));
}

// max-age of a Cache-Control header, in milliseconds; fallback when absent.
qint64 maxAgeMs(const QByteArray& cacheControl, qint64 fallback)
{
    const QList<QByteArray> directives = cacheControl.split(',');
    for (const QByteArray& directive : directives) {
        const QByteArray trimmed = directive.trimmed().toLower();
        if (trimmed.startsWith("max-age=")) {
            bool ok = false;
            const qint64 seconds = trimmed.mid(8).toLongLong(&ok);
            if (ok && seconds >= 0)
                return std::min<qint64>(seconds, 24 * 3600) * 1000;
        }
    }
    return fallback;
}

QString hostLabel(const QUrl& url)
{
    const int defaultPort = url.scheme() == QLatin1String("http") ? 80 : 443;
    if (url.port() > 0 && url.port() != defaultPort)
        return QStringLiteral("%1:%2").arg(url.host()).arg(url.port());
    return url.host();
}

} // namespace

struct RemoteApiStore::Private {
    RemoteProfile profile;
    MetadataCache cache;

    ApiClient* api = nullptr; // while signed in (a child of the store)
    SecretsFetcher* fetcher = nullptr;
    bool open = false;
    bool signedIn = false;
    bool syncing = false;
    bool refreshPending = false;
    bool needMe = false; // re-read /me on the next sync (after being offline or refused)
    Connectivity connectivity = Connectivity::Offline;
    QDateTime lastSync;
    StoreError lastSyncError;

    QString subject;
    QStringList roles;
    Permissions permissions;
    QHash<QString, QStringList> grantedBy;

    QString cursor;
    QHash<QUuid, Secret> secrets;
    QHash<QUuid, qint64> tombstones; // deleted here: ignore older upserts of these

    QTimer refreshTimer;
    std::optional<QFuture<StoreResult<Done>>> currentSync;

    QString keyId; // the server's sealing key, cached for its max-age
    QByteArray publicKey;
    QDeadlineTimer keyExpires;

    QThreadPool saver; // one thread: cache saves in order, off the UI thread
    QTimer saveTimer;

    Private(RemoteProfile p, const QString& cacheDirectory)
        : profile(std::move(p))
        , cache(cacheDirectory, profile.id)
    {
        saver.setMaxThreadCount(1);
        refreshTimer.setInterval(DefaultRefreshMs);
        saveTimer.setSingleShot(true);
        saveTimer.setInterval(CacheSaveDelayMs);
    }

    MetadataCache::Data snapshot() const
    {
        MetadataCache::Data data;
        data.apiBaseUrl = profile.apiBaseUrl;
        data.clientId = profile.clientId;
        data.secrets = secrets.values();
        data.cursor = cursor;
        data.lastSync = lastSync;
        data.subject = subject;
        data.roles = roles;
        data.permissions = permissions;
        data.grantedBy = grantedBy;
        return data;
    }

    void saveInBackground()
    {
        saver.start([cache = cache, data = snapshot()] {
            cache.save(data);
            Random::releaseThreadState();
        });
    }
};

RemoteApiStore::RemoteApiStore(RemoteProfile profile, QString cacheDirectory, QObject* parent)
    : SecretStore(parent)
    , d(std::make_unique<Private>(std::move(profile), cacheDirectory))
{
    connect(&d->refreshTimer, &QTimer::timeout, this, &RemoteApiStore::refresh);
    connect(&d->saveTimer, &QTimer::timeout, this, [this] { d->saveInBackground(); });
}

RemoteApiStore::~RemoteApiStore()
{
    if (d->saveTimer.isActive()) {
        d->saveTimer.stop();
        d->saveInBackground();
    }
    d->saver.waitForDone();
}

const RemoteProfile& RemoteApiStore::profile() const
{
    return d->profile;
}

// ---- status -------------------------------------------------------------------------------

QString RemoteApiStore::displayName() const
{
    const QString host = hostLabel(d->profile.apiBaseUrl);
    if (host.isEmpty())
        return d->profile.name;
    return tr("%1 (%2)").arg(d->profile.name, host);
}

Permissions RemoteApiStore::permissions() const
{
    return d->permissions;
}

bool RemoteApiStore::isOpen() const
{
    return d->open;
}

SecretStore::Connectivity RemoteApiStore::connectivity() const
{
    return d->connectivity;
}

bool RemoteApiStore::isReadOnly() const
{
    return !d->signedIn || d->connectivity != Connectivity::Online;
}

QDateTime RemoteApiStore::lastSync() const
{
    return d->lastSync;
}

bool RemoteApiStore::isSyncing() const
{
    return d->syncing;
}

StoreError RemoteApiStore::lastSyncError() const
{
    return d->lastSyncError;
}

QStringList RemoteApiStore::rolesGranting(Permission::Flag permission) const
{
    return d->grantedBy.value(JsonMapping::permissionName(permission));
}

bool RemoteApiStore::isSignedIn() const
{
    return d->signedIn;
}

QString RemoteApiStore::subject() const
{
    return d->subject;
}

void RemoteApiStore::setRefreshInterval(int milliseconds)
{
    if (milliseconds <= 0) {
        d->refreshTimer.stop();
        d->refreshTimer.setInterval(0);
        return;
    }
    d->refreshTimer.setInterval(milliseconds);
    if (d->signedIn)
        d->refreshTimer.start();
}

// ---- the rows ------------------------------------------------------------------------------

void RemoteApiStore::scheduleCacheSave()
{
    d->saveTimer.start();
}

void RemoteApiStore::applyUpsert(const Secret& secret)
{
    const auto tombstone = d->tombstones.constFind(secret.id);
    if (tombstone != d->tombstones.constEnd() && secret.version <= *tombstone)
        return;
    const auto it = d->secrets.find(secret.id);
    if (it == d->secrets.end()) {
        d->secrets.insert(secret.id, secret);
        emit secretAdded(secret);
    } else if (it->version <= secret.version && *it != secret) {
        *it = secret;
        emit secretChanged(secret);
    }
}

void RemoteApiStore::applyRemoval(const QUuid& id, qint64 version)
{
    if (version > 0)
        d->tombstones.insert(id, std::max(version, d->tombstones.value(id)));
    if (d->secrets.remove(id) > 0)
        emit secretRemoved(id);
}

void RemoteApiStore::resetRows(const QList<Secret>& secrets)
{
    QHash<QUuid, Secret> rows;
    rows.reserve(secrets.size());
    for (const Secret& secret : secrets) {
        const auto tombstone = d->tombstones.constFind(secret.id);
        if (tombstone != d->tombstones.constEnd() && secret.version <= *tombstone)
            continue;
        // A write confirmed while the sync ran is newer than what the sync saw.
        const auto current = d->secrets.constFind(secret.id);
        rows.insert(secret.id, current != d->secrets.constEnd() && current->version > secret.version
                                   ? *current
                                   : secret);
    }
    d->secrets = std::move(rows);
    emit secretsReset(d->secrets.values());
}

// ---- lifecycle ------------------------------------------------------------------------------

void RemoteApiStore::open()
{
    if (!d->signedIn && !d->syncing) {
        std::optional<MetadataCache::Data> data = d->cache.load();
        if (data && data->apiBaseUrl == d->profile.apiBaseUrl
            && data->clientId == d->profile.clientId) {
            d->secrets.clear();
            d->secrets.reserve(data->secrets.size());
            for (const Secret& secret : std::as_const(data->secrets))
                d->secrets.insert(secret.id, secret);
            d->cursor = data->cursor;
            d->lastSync = data->lastSync;
            d->subject = data->subject;
            d->roles = data->roles;
            d->permissions = data->permissions;
            d->grantedBy = data->grantedBy;
        }
    }
    emit secretsReset(d->secrets.values());
    setOpen(true);
    emit statusChanged();
}

void RemoteApiStore::setOpen(bool open)
{
    if (d->open == open)
        return;
    d->open = open;
    emit openChanged(open);
}

void RemoteApiStore::dropSession()
{
    d->refreshTimer.stop();
    d->signedIn = false;
    d->refreshPending = false;
    d->keyId.clear();
    d->publicKey.clear();
    if (d->api) {
        // Pending requests are abandoned: their futures end with an error (see finishOnCancel).
        d->fetcher->deleteLater();
        d->api->deleteLater();
        d->fetcher = nullptr;
        d->api = nullptr;
    }
}

QFuture<StoreResult<Done>> RemoteApiStore::signIn(SecretValue clientSecret)
{
    if (const StoreError error = ApiClient::checkProfile(d->profile); error.isError())
        return failed<Done>(error);
    if (d->syncing && !d->signedIn && d->currentSync)
        return *d->currentSync; // a sign-in is already running
    dropSession();

    d->api = new ApiClient(d->profile, std::move(clientSecret), this);
    d->fetcher = new SecretsFetcher(d->api, this);
    d->connectivity = Connectivity::Connecting;
    d->syncing = true;
    d->lastSyncError = {};
    emit statusChanged();

    const QPointer<ApiClient> api = d->api;
    const QDateTime started = QDateTime::currentDateTimeUtc();
    QFuture<StoreResult<Done>> future =
        readMe()
            .then(this,
                  [this, api](StoreResult<Done> me) {
                      if (!me.ok() || api != d->api)
                          return failed<Done>(me.ok() ? StoreError(StoreError::Code::Unreachable)
                                                      : me.error());
                      // The credentials work: from here on a failure only makes us offline.
                      d->signedIn = true;
                      return syncRows();
                  })
            .unwrap()
            .then(this, [this, api, started](StoreResult<Done> result) {
                if (api != d->api) // signed out or in again meanwhile
                    return result;
                finishSync(result, started);
                if (!d->signedIn)
                    dropSession();
                else if (d->refreshTimer.interval() > 0)
                    d->refreshTimer.start();
                setOpen(true);
                return result;
            });
    future = finishOnCancel(future);
    d->currentSync = future;
    return future;
}

void RemoteApiStore::signOut()
{
    dropSession();
    d->syncing = false;
    d->connectivity = Connectivity::Offline;
    d->currentSync.reset();
    emit statusChanged();
}

QFuture<StoreResult<Done>> RemoteApiStore::readMe()
{
    ApiRequest request;
    request.path = QStringLiteral("/me");
    return d->api->send(std::move(request)).then(this, [this](ApiResponse response) {
        if (!response.ok())
            return StoreResult<Done>(response.error);
        ApiResponses::Me me = ApiResponses::me(response.json);
        if (!d->subject.isEmpty() && me.subject != d->subject)
            d->cursor.clear(); // another identity may see other secrets: sync in full
        d->subject = std::move(me.subject);
        d->roles = std::move(me.roles);
        d->permissions = me.permissions;
        d->grantedBy = std::move(me.grantedBy);
        d->needMe = false;
        return StoreResult<Done>(Done{});
    });
}

QFuture<StoreResult<Done>> RemoteApiStore::syncRows()
{
    if (!d->permissions.testFlag(Permission::SecretsRead)) {
        // A valid state: signed in, but nothing may be seen.
        d->cursor.clear();
        if (!d->secrets.isEmpty() || !d->open) {
            d->secrets.clear();
            emit secretsReset({});
        }
        return ready(StoreResult<Done>(Done{}));
    }
    const QPointer<SecretsFetcher> fetcher = d->fetcher;
    if (d->cursor.isEmpty())
        return fullSync();
    return d->fetcher->fetchChanges(d->cursor)
        .then(this,
              [this, fetcher](StoreResult<SecretsFetcher::Changes> changes) {
                  if (fetcher != d->fetcher)
                      return failed<Done>(StoreError(StoreError::Code::Unreachable));
                  if (!changes.ok())
                      return failed<Done>(changes.error());
                  if (changes.value().cursorExpired)
                      return fullSync();
                  for (const SecretsFetcher::Change& change :
                       std::as_const(changes.value().changes)) {
                      if (change.deleted) {
                          d->tombstones.remove(change.id);
                          applyRemoval(change.id, 0);
                      } else {
                          applyUpsert(change.secret);
                      }
                  }
                  if (!changes.value().changes.isEmpty() || d->cursor != changes.value().cursor)
                      scheduleCacheSave();
                  d->cursor = changes.value().cursor;
                  return ready(StoreResult<Done>(Done{}));
              })
        .unwrap();
}

QFuture<StoreResult<Done>> RemoteApiStore::fullSync()
{
    const QPointer<SecretsFetcher> fetcher = d->fetcher;
    return d->fetcher->fetchAll().then(
        this, [this, fetcher](StoreResult<SecretsFetcher::Snapshot> snapshot) {
            if (fetcher != d->fetcher)
                return StoreResult<Done>(StoreError(StoreError::Code::Unreachable));
            if (!snapshot.ok())
                return StoreResult<Done>(snapshot.error());
            resetRows(snapshot.value().secrets);
            d->cursor = snapshot.value().cursor;
            scheduleCacheSave();
            return StoreResult<Done>(Done{});
        });
}

void RemoteApiStore::finishSync(const StoreResult<Done>& result, const QDateTime& started)
{
    d->syncing = false;
    d->currentSync.reset();
    if (result.ok()) {
        const bool wasOnline = d->connectivity == Connectivity::Online;
        d->connectivity = Connectivity::Online;
        d->lastSync = started;
        d->lastSyncError = {};
        if (!wasOnline)
            scheduleCacheSave();
    } else {
        d->connectivity = Connectivity::Offline;
        d->lastSyncError = result.error();
        d->needMe = true;
    }
    emit statusChanged();
}

void RemoteApiStore::refresh()
{
    if (!d->signedIn)
        return;
    if (d->syncing) {
        d->refreshPending = true;
        return;
    }
    d->syncing = true;
    emit statusChanged();
    const QPointer<ApiClient> api = d->api;
    const QDateTime started = QDateTime::currentDateTimeUtc();
    QFuture<StoreResult<Done>> rows =
        d->needMe
            ? readMe()
                  .then(this,
                        [this, api](StoreResult<Done> me) {
                            if (api != d->api)
                                return failed<Done>(StoreError(StoreError::Code::Unreachable));
                            return me.ok() ? syncRows() : failed<Done>(me.error());
                        })
                  .unwrap()
            : syncRows();
    QFuture<StoreResult<Done>> future =
        finishOnCancel(rows.then(this, [this, api, started](StoreResult<Done> result) {
            if (api != d->api)
                return result;
            finishSync(result, started);
            if (d->refreshPending) {
                d->refreshPending = false;
                QTimer::singleShot(0, this, &RemoteApiStore::refresh);
            }
            return result;
        }));
    d->currentSync = future;
}

template <typename T>
QFuture<StoreResult<T>> RemoteApiStore::finishOnCancel(QFuture<StoreResult<T>> future)
{
    return future.onCanceled(this, [] {
        return StoreResult<T>(StoreError(StoreError::Code::Unreachable,
                                         tr("The request was abandoned because the connection "
                                            "was closed.")));
    });
}

// ---- reading ---------------------------------------------------------------------------------

QFuture<StoreResult<QList<Secret>>> RemoteApiStore::list()
{
    const auto emitRows = [this] {
        QList<Secret> rows = d->secrets.values();
        emit secretsReset(rows);
        return StoreResult<QList<Secret>>(std::move(rows));
    };
    if (d->syncing && d->currentSync)
        return d->currentSync->then(this, [emitRows](StoreResult<Done>) { return emitRows(); });
    return ready(emitRows());
}

QFuture<StoreResult<QList<FlowReference>>> RemoteApiStore::references(const QUuid& id)
{
    using Result = StoreResult<QList<FlowReference>>;
    if (!d->api || !d->signedIn)
        return failed<QList<FlowReference>>(StoreError(StoreError::Code::ReadOnly));
    ApiRequest request;
    request.path = QStringLiteral("/secrets/%1/references").arg(JsonMapping::idText(id));
    return finishOnCancel(d->api->send(std::move(request)).then(this, [](ApiResponse response) {
        if (!response.ok())
            return Result(response.error);
        return Result(ApiResponses::references(response.json));
    }));
}

QFuture<StoreResult<Done>> RemoteApiStore::reload(const QUuid& id)
{
    ApiRequest request;
    request.path = QStringLiteral("/secrets/%1").arg(JsonMapping::idText(id));
    return d->api->send(std::move(request)).then(this, [this, id](ApiResponse response) {
        if (response.status == 404) {
            applyRemoval(id, 0);
            scheduleCacheSave();
            return StoreResult<Done>(Done{});
        }
        if (!response.ok())
            return StoreResult<Done>(response.error);
        const std::optional<Secret> secret = ApiResponses::secret(response.json);
        if (!secret)
            return StoreResult<Done>(StoreError(StoreError::Code::ServerError));
        applyUpsert(*secret);
        scheduleCacheSave();
        return StoreResult<Done>(Done{});
    });
}

// ---- writing ---------------------------------------------------------------------------------

StoreError RemoteApiStore::writable() const
{
    if (!d->api || isReadOnly())
        return StoreError(StoreError::Code::ReadOnly);
    return {};
}

QFuture<StoreResult<Done>> RemoteApiStore::ensurePublicKey(bool refetch)
{
    if (!refetch && !d->publicKey.isEmpty() && !d->keyExpires.hasExpired())
        return ready(StoreResult<Done>(Done{}));
    ApiRequest request;
    request.path = QStringLiteral("/secrets/public-key");
    return d->api->send(std::move(request)).then(this, [this](ApiResponse response) {
        if (!response.ok())
            return StoreResult<Done>(response.error);
        std::optional<ApiResponses::PublicKey> key = ApiResponses::publicKey(response.json);
        if (!key)
            return StoreResult<Done>(
                StoreError(StoreError::Code::ServerError,
                           tr("The server's sealing key is not usable, so no value can be sent.")));
        d->keyId = std::move(key->keyId);
        d->publicKey = std::move(key->key);
        d->keyExpires =
            QDeadlineTimer(maxAgeMs(response.headers.value("cache-control"), DefaultKeyMaxAgeMs));
        return StoreResult<Done>(Done{});
    });
}

std::optional<QJsonObject> RemoteApiStore::sealValue(const SecretValue& value,
                                                     const QString& target) const
{
    const std::optional<QByteArray> sealed = Seal::seal(value, d->publicKey, d->keyId, target);
    if (!sealed)
        return std::nullopt;
    return QJsonObject{{QLatin1String("keyId"), d->keyId},
                       {QLatin1String("sealed"),
                        QString::fromLatin1(sealed->toBase64(QByteArray::Base64UrlEncoding
                                                             | QByteArray::OmitTrailingEquals))}};
}

namespace {
bool isUnknownKey(const ApiResponse& response)
{
    return response.status == 422 && response.problemType == QLatin1String("unsealing-failed")
           && response.json.value(QLatin1String("reason")).toString()
                  == QLatin1String("unknown-key");
}

StoreError unusableKey()
{
    return StoreError(StoreError::Code::ServerError,
                      RemoteApiStore::tr("The value could not be sealed to the server's key."));
}
} // namespace

QFuture<StoreResult<Secret>> RemoteApiStore::create(const QString& name, SecretValue value)
{
    if (const StoreError error = writable(); error.isError())
        return failed<Secret>(error);
    if (const StoreError error = checkName(name); error.isError())
        return failed<Secret>(error);
    if (const StoreError error = checkValue(value); error.isError())
        return failed<Secret>(error);
    return finishOnCancel(createAttempt(
        NameRules::clean(name), std::make_shared<const SecretValue>(std::move(value)), false));
}

QFuture<StoreResult<Secret>> RemoteApiStore::createAttempt(const QString& name,
                                                           std::shared_ptr<const SecretValue> value,
                                                           bool resealed)
{
    return ensurePublicKey(resealed)
        .then(this,
              [this, name, value, resealed](StoreResult<Done> key) {
                  if (!key.ok())
                      return failed<Secret>(key.error());
                  if (!d->api)
                      return failed<Secret>(StoreError(StoreError::Code::ReadOnly));
                  std::optional<QJsonObject> sealed = sealValue(*value, QStringLiteral("create"));
                  if (!sealed)
                      return failed<Secret>(unusableKey());
                  ApiRequest request;
                  request.method = "POST";
                  request.path = QStringLiteral("/secrets");
                  request.body =
                      QJsonObject{{QLatin1String("name"), name}, {QLatin1String("value"), *sealed}};
                  // A fresh key per create we mean to make; the transport repeats it on retries.
                  request.headers = {
                      {"Idempotency-Key",
                       QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1()}};
                  request.retryAfterConnectionFailure = true;
                  return d->api->send(std::move(request))
                      .then(this,
                            [this, name, value, resealed](ApiResponse response) {
                                if (isUnknownKey(response) && !resealed)
                                    return createAttempt(name, value, true);
                                if (!response.ok())
                                    return failed<Secret>(response.error);
                                return confirmed(response.json);
                            })
                      .unwrap();
              })
        .unwrap();
}

// The secret a create or update sent back: applied to the rows and the cache.
QFuture<StoreResult<Secret>> RemoteApiStore::confirmed(const QJsonObject& json)
{
    const std::optional<Secret> secret = ApiResponses::secret(json);
    if (!secret)
        return failed<Secret>(StoreError(StoreError::Code::ServerError));
    applyUpsert(*secret);
    scheduleCacheSave();
    return ready(StoreResult<Secret>(*secret));
}

QFuture<StoreResult<Secret>> RemoteApiStore::update(const QUuid& id, qint64 expectedVersion,
                                                    std::optional<QString> newName,
                                                    std::optional<SecretValue> newValue)
{
    if (const StoreError error = writable(); error.isError())
        return failed<Secret>(error);
    if (newName) {
        if (const StoreError error = checkName(*newName); error.isError())
            return failed<Secret>(error);
        newName = NameRules::clean(*newName);
    }
    std::shared_ptr<const SecretValue> value;
    if (newValue) {
        if (const StoreError error = checkValue(*newValue); error.isError())
            return failed<Secret>(error);
        value = std::make_shared<const SecretValue>(std::move(*newValue));
    }
    return finishOnCancel(updateAttempt(id, expectedVersion, newName, value, false));
}

QFuture<StoreResult<Secret>> RemoteApiStore::updateAttempt(const QUuid& id, qint64 expectedVersion,
                                                           const std::optional<QString>& newName,
                                                           std::shared_ptr<const SecretValue> value,
                                                           bool resealed)
{
    QFuture<StoreResult<Done>> key =
        value ? ensurePublicKey(resealed) : ready(StoreResult<Done>(Done{}));
    return key
        .then(this,
              [this, id, expectedVersion, newName, value, resealed](StoreResult<Done> key) {
                  if (!key.ok())
                      return failed<Secret>(key.error());
                  if (!d->api)
                      return failed<Secret>(StoreError(StoreError::Code::ReadOnly));
                  QJsonObject body;
                  if (newName)
                      body.insert(QLatin1String("name"), *newName);
                  if (value) {
                      std::optional<QJsonObject> sealed =
                          sealValue(*value, JsonMapping::idText(id));
                      if (!sealed)
                          return failed<Secret>(unusableKey());
                      body.insert(QLatin1String("value"), *sealed);
                  }
                  ApiRequest request;
                  request.method = "PATCH";
                  request.path = QStringLiteral("/secrets/%1").arg(JsonMapping::idText(id));
                  request.body = body;
                  request.headers = {{"If-Match", '"' + QByteArray::number(expectedVersion) + '"'}};
                  request.retryAfterConnectionFailure = false;
                  return d->api->send(std::move(request))
                      .then(this,
                            [this, id, expectedVersion, newName, value,
                             resealed](ApiResponse response) {
                                if (isUnknownKey(response) && !resealed)
                                    return updateAttempt(id, expectedVersion, newName, value, true);
                                if (!response.ok())
                                    return writeFailed<Secret>(id, response);
                                return confirmed(response.json);
                            })
                      .unwrap();
              })
        .unwrap();
}

QFuture<StoreResult<Done>> RemoteApiStore::remove(const QUuid& id, qint64 expectedVersion)
{
    if (const StoreError error = writable(); error.isError())
        return failed<Done>(error);
    ApiRequest request;
    request.method = "DELETE";
    request.path = QStringLiteral("/secrets/%1").arg(JsonMapping::idText(id));
    request.headers = {{"If-Match", '"' + QByteArray::number(expectedVersion) + '"'}};
    request.retryAfterConnectionFailure = false;
    return finishOnCancel(d->api->send(std::move(request))
                              .then(this,
                                    [this, id, expectedVersion](ApiResponse response) {
                                        if (!response.ok())
                                            return writeFailed<Done>(id, response);
                                        applyRemoval(id, expectedVersion);
                                        scheduleCacheSave();
                                        return ready(StoreResult<Done>(Done{}));
                                    })
                              .unwrap());
}

template <typename T>
QFuture<StoreResult<T>> RemoteApiStore::writeFailed(const QUuid& id, const ApiResponse& response)
{
    // docs/api.md §7: a PATCH or DELETE whose outcome is unknown is not repeated; reload the
    // secret and say so. After 412 the reload shows the newer version; after 404 it drops the row.
    const bool unknown = response.outcomeUnknown;
    if (!unknown && response.status != 412 && response.status != 404)
        return failed<T>(response.error);
    const StoreError error =
        unknown ? StoreError(StoreError::Code::OutcomeUnknown) : response.error;
    if (response.status == 404) {
        applyRemoval(id, 0);
        scheduleCacheSave();
        return failed<T>(error);
    }
    return reload(id).then(this, [error](StoreResult<Done>) { return StoreResult<T>(error); });
}

QFuture<StoreResult<ConnectionCheck>> RemoteApiStore::testConnection(const RemoteProfile& profile,
                                                                     SecretValue clientSecret)
{
    using Result = StoreResult<ConnectionCheck>;
    if (const StoreError error = ApiClient::checkProfile(profile); error.isError())
        return failed<ConnectionCheck>(error);
    auto* api = new ApiClient(profile, std::move(clientSecret)); // throwaway: nothing is kept
    ApiRequest request;
    request.path = QStringLiteral("/me");
    return api->send(std::move(request)).then(api, [api](ApiResponse response) {
        api->deleteLater();
        if (!response.ok())
            return Result(response.error);
        ApiResponses::Me me = ApiResponses::me(response.json);
        return Result(ConnectionCheck{std::move(me.subject), std::move(me.roles), me.permissions});
    });
}
