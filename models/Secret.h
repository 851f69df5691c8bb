#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QUuid>

// The metadata of one secret: everything but its value, which is write-only.
struct Secret {
    QUuid id; // the stable reference ID that flows import
    QString name;
    QDateTime createdAt;
    QDateTime updatedAt;
    QString createdBy;
    QString updatedBy;
    qint64 version = 0;
    bool damaged =
        false; // the record failed authentication: name unknown, only deletion is possible

    friend bool operator==(const Secret&, const Secret&) = default;
};

Q_DECLARE_METATYPE(Secret)
