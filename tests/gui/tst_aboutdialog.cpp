// AboutDialog: name, version, purpose, licence and copyright, the Qt and OpenSSL versions in use
// (and those built with when they differ) in a text that keyboard and mouse can select and copy;
// Close is the default and Escape closes; About Qt opens Qt's own box; Help > About opens one
// dialog at a time; and the texts fit and read well in the light and dark schemes at any scale
// (MINT_SCREENSHOT_DIR=dir saves what it looked like).

#include "AboutDialog.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "Settings.h"
#include "Theme.h"
#include "crypto/CryptoLibrary.h"
#include "keychain/CredentialStore.h"

#include <QClipboard>
#include <QDir>
#include <QPushButton>

namespace {

double luminance(const QColor& color)
{
    const auto channel = [](double c) {
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
           + 0.0722 * channel(color.blueF());
}

// WCAG contrast ratio, 1 to 21.
double contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

QLabel* label(QWidget& dialog, const char* name)
{
    return GuiTestSupport::child<QLabel>(dialog, name);
}

} // namespace

class TestAboutDialog final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QCoreApplication::setApplicationVersion(QStringLiteral("9.8.7")); }

    void showsWhatABugReportNeeds()
    {
        AboutDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.windowTitle(), tr("About Mint Config"));
        QCOMPARE(label(dialog, "aboutName")->text(), tr("Mint Config"));
        QVERIFY(!label(dialog, "aboutDescription")->text().isEmpty());
        const QString versions = dialog.versionsLabel()->text();
        const QStringList lines = versions.split(u'\n');
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0], tr("Version %1").arg(QStringLiteral("9.8.7")));
        QVERIFY(lines[1].startsWith(QStringLiteral("Qt ") + QString::fromLatin1(qVersion())));
        QVERIFY(lines[2].startsWith(CryptoLibrary::versionText()));
        QVERIFY(lines[2].startsWith(QStringLiteral("OpenSSL ")));
        const bool sameQt = QString::fromLatin1(qVersion()) == QStringLiteral(QT_VERSION_STR);
        QCOMPARE(lines[1].contains(QStringLiteral(QT_VERSION_STR)), true);
        QCOMPARE(lines[1].contains(QStringLiteral("built with")), !sameQt);
        QCOMPARE(lines[2].contains(QStringLiteral("built with")),
                 CryptoLibrary::versionText() != CryptoLibrary::buildVersionText());
        QCOMPARE(versions, AboutDialog::versionsText());

        const QString licence = label(dialog, "licenceLabel")->text();
        QVERIFY(licence.contains(QStringLiteral("Apache License 2.0")));
        QVERIFY(licence.contains(QStringLiteral("© 2026 The Mint Config authors")));

        auto* icon = label(dialog, "aboutIcon");
        QVERIFY(!icon->pixmap().isNull());
        QCOMPARE(icon->pixmap().deviceIndependentSize().toSize(), QSize(64, 64));
        QCOMPARE(icon->pixmap().width(), qRound(64 * dialog.devicePixelRatio()));
    }

    void closeIsTheDefaultAndEscapeCloses()
    {
        AboutDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        QVERIFY(dialog.closeButton()->isDefault());
        QCOMPARE(QApplication::focusWidget(), dialog.closeButton());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));

        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        dialog.versionsLabel()->setFocus(Qt::TabFocusReason);
        QTest::keyClick(dialog.versionsLabel(), Qt::Key_Return); // the default: Close
        QVERIFY(!dialog.isVisible());
    }

    void versionsAreSelectableAndCopyableByKeyboard()
    {
        AboutDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        QLabel* versions = dialog.versionsLabel();
        QVERIFY(versions->textInteractionFlags() & Qt::TextSelectableByMouse);
        QVERIFY(versions->textInteractionFlags() & Qt::TextSelectableByKeyboard);
        QVERIFY(versions->focusPolicy() & Qt::TabFocus);
        for (int i = 0; i < 3 && QApplication::focusWidget() != versions; ++i)
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), versions);
        QGuiApplication::clipboard()->clear();
        QTest::keyClick(versions, Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(versions->selectedText().replace(QChar::ParagraphSeparator, u'\n'),
                 versions->text());
        QTest::keyClick(versions, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), AboutDialog::versionsText());
        for (const char* name : {"aboutName", "aboutDescription", "licenceLabel"})
            QVERIFY(label(dialog, name)->textInteractionFlags() & Qt::TextSelectableByMouse);
    }

    void namesTheLibrariesAndTheirLicences()
    {
        AboutDialog dialog;
        const QString text = label(dialog, "licenceLabel")->text();
        for (const char* part : {"Apache License 2.0", "Qt (LGPL-3.0)", "OpenSSL (Apache-2.0)",
                                 "QtKeychain (BSD-3-Clause)", "The Mint Config authors"})
            QVERIFY2(text.contains(QLatin1String(part)), part);
        // Only Close: nothing here opens a modal box of its own.
        QCOMPARE(dialog.findChildren<QPushButton*>().size(), 1);
    }

    void helpAboutOpensOneDialog()
    {
        GuiTestSupport::Vault vault;
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("settings.ini")));
        CredentialStore credentials(QStringLiteral("mint-config-tests"));
        credentials.setTimeout(std::chrono::milliseconds(500));
        MainWindow window(settings, vault.releaseStore(), &credentials);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* about = window.findChild<QAction*>(QStringLiteral("aboutAction"));
        QVERIFY(about);
        QCOMPARE(about->menuRole(), QAction::AboutRole);
        about->trigger();
        QTRY_VERIFY(window.findChild<AboutDialog*>());
        auto* dialog = window.findChild<AboutDialog*>();
        QTRY_VERIFY(dialog->isVisible());
        about->trigger();
        QCOMPARE(window.findChildren<AboutDialog*>().size(), 1);
        QPointer<AboutDialog> closing = dialog;
        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_VERIFY(!closing); // deleted once closed
    }

    void readsWellInLightAndDark_data()
    {
        QTest::addColumn<int>("scheme");
        QTest::newRow("light") << int(Theme::Scheme::Light);
        QTest::newRow("dark") << int(Theme::Scheme::Dark);
    }

    void readsWellInLightAndDark()
    {
        QFETCH(int, scheme);
        auto* app = qobject_cast<QApplication*>(QCoreApplication::instance());
        const QPalette before = QApplication::palette();
        Theme::apply(*app, Theme::Scheme(scheme));
        {
            AboutDialog dialog;
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            const QColor window = dialog.palette().color(QPalette::Window);
            for (QLabel* text : dialog.findChildren<QLabel*>()) {
                if (text->text().isEmpty())
                    continue;
                const QColor ink = text->palette().color(QPalette::WindowText);
                QVERIFY2(contrast(ink, window) >= 4.5, qPrintable(QStringLiteral("%1: contrast %2")
                                                                      .arg(text->objectName())
                                                                      .arg(contrast(ink, window))));
                // Nothing cut off: each wrapped text has the height it needs at its width.
                if (text->wordWrap())
                    QVERIFY2(text->height() >= text->heightForWidth(text->width()),
                             qPrintable(text->objectName()));
                QVERIFY(dialog.rect().contains(text->geometry()));
            }
            const QPixmap shot = dialog.grab();
            QCOMPARE(shot.devicePixelRatio(), dialog.devicePixelRatio());
            if (const QString dir = qEnvironmentVariable("MINT_SCREENSHOT_DIR"); !dir.isEmpty()) {
                shot.save(QDir(dir).filePath(QStringLiteral("about-%1-%2x.png")
                                                 .arg(QString::fromLatin1(QTest::currentDataTag()))
                                                 .arg(dialog.devicePixelRatio())));
            }
        }
        QApplication::setPalette(before);
    }
};

QTEST_MAIN(TestAboutDialog)
#include "tst_aboutdialog.moc"
