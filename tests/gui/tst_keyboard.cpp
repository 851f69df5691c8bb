// The app by keyboard alone. For every dialog and page: mnemonics (&X) are unique among what the
// window shows at once (labels with buddies, buttons, the menu bar; each menu's items among
// themselves), a dialog has one default button that Enter triggers and Escape rejects it, and
// Tab visits every enabled control once, in reading order (top to bottom, left to right; the
// next column of a two-column form starts at its top). Then whole flows in the main window with
// key presses sent to the focused widget only, never a click: add (Ctrl+N), rename (F2), delete
// (Delete), find (Ctrl+F), lock (Ctrl+L) and unlock, About (Alt+H); after each, the focus is
// back on a visible control of the window.

#include "AppWindows.h"
#include "SecretsProxyModel.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QVBoxLayout>

#include <optional>

using AppWindows::Catalog;
using AppWindows::describe;

namespace {

// The mnemonic letter of text ("Secret &name" → 'n'), lower case; null when it has none.
QChar mnemonicOf(const QString& text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text[i] != u'&')
            continue;
        if (text[i + 1] == u'&') {
            ++i; // "&&" is a literal ampersand
            continue;
        }
        return text[i + 1].toLower();
    }
    return {};
}

// Cancel and Close without a mnemonic here get "&Cancel" / "&Close" from the GNOME and KDE
// platform themes: treat their C as taken.
QString buttonText(const QAbstractButton* button)
{
    QString text = button->text();
    if (auto* box = qobject_cast<QDialogButtonBox*>(button->parentWidget());
        box && mnemonicOf(text).isNull()) {
        const auto role = box->standardButton(const_cast<QAbstractButton*>(button));
        if (role == QDialogButtonBox::Cancel || role == QDialogButtonBox::Close)
            text.prepend(u'&');
    }
    return text;
}

// Problems with the mnemonics of window: duplicates among its widgets (all of a dialog's,
// including those shown later; what a page shows now), the menu bar included, and within each
// menu.
QStringList mnemonicClashes(QWidget* window)
{
    const bool dialog = qobject_cast<QDialog*>(window) != nullptr;
    QMultiHash<QChar, QString> owners;
    for (QWidget* widget : window->findChildren<QWidget*>()) {
        if (widget->window() != window || (!dialog && !widget->isVisible()))
            continue;
        QString text;
        if (auto* label = qobject_cast<QLabel*>(widget); label && label->buddy())
            text = label->text();
        else if (auto* button = qobject_cast<QAbstractButton*>(widget))
            text = buttonText(button);
        if (const QChar key = mnemonicOf(text); !key.isNull())
            owners.insert(key, describe(widget) + QStringLiteral(" \"%1\"").arg(text));
    }
    if (auto* main = qobject_cast<QMainWindow*>(window)) {
        for (QAction* action : main->menuBar()->actions()) {
            if (const QChar key = mnemonicOf(action->text()); !key.isNull())
                owners.insert(key, QStringLiteral("menu \"%1\"").arg(action->text()));
        }
    }
    QStringList clashes;
    for (const QChar key : owners.uniqueKeys()) {
        if (owners.count(key) > 1)
            clashes << QStringLiteral("Alt+%1: %2").arg(key).arg(owners.values(key).join(u", "));
    }
    for (QMenu* menu : window->findChildren<QMenu*>()) {
        QMultiHash<QChar, QString> items;
        for (QAction* action : menu->actions()) {
            if (const QChar key = mnemonicOf(action->text()); !key.isNull() && action->isVisible())
                items.insert(key, action->text());
        }
        for (const QChar key : items.uniqueKeys()) {
            if (items.count(key) > 1)
                clashes << QStringLiteral("menu \"%1\", %2: %3")
                               .arg(menu->title())
                               .arg(key)
                               .arg(items.values(key).join(u", "));
        }
    }
    return clashes;
}

// The controls Tab should reach in window now: shown, enabled, taking Tab focus.
QList<QWidget*> tabStops(QWidget* window)
{
    QList<QWidget*> stops;
    for (QWidget* widget : window->findChildren<QWidget*>()) {
        if (widget->window() == window && widget->isVisible() && widget->isEnabled()
            && (widget->focusPolicy() & Qt::TabFocus) && !AppWindows::isInternalPart(widget))
            stops << widget;
    }
    return stops;
}

QRect rectIn(QWidget* window, QWidget* widget)
{
    return QRect(widget->mapTo(window, QPoint(0, 0)), widget->size());
}

// Whether a and b share a row: their vertical extents overlap by half the smaller height.
bool sameRow(const QRect& a, const QRect& b)
{
    const int overlap = qMin(a.bottom(), b.bottom()) - qMax(a.top(), b.top());
    return overlap * 2 >= qMin(a.height(), b.height());
}

// Whether b may follow a in reading order.
bool follows(const QRect& a, const QRect& b)
{
    if (sameRow(a, b))
        return b.center().x() > a.center().x();
    if (b.center().y() > a.center().y())
        return true;              // the next row
    return b.left() >= a.right(); // the top of the next column
}

// Presses key (with modifiers) on whatever has the focus now.
void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget* target = QApplication::focusWidget();
    if (!target)
        target = QApplication::activeWindow();
    if (!target)
        qFatal("nothing has the keyboard focus");
    QTest::keyClick(target, key, modifiers);
}

void type(const QString& text)
{
    QWidget* target = QApplication::focusWidget();
    if (!target)
        qFatal("nothing has the keyboard focus");
    QTest::keyClicks(target, text);
}

// Presses Tab until the focus is on target (at most 20 times).
bool tabTo(QWidget* target)
{
    for (int i = 0; i < 20 && QApplication::focusWidget() != target; ++i)
        press(Qt::Key_Tab);
    return QApplication::focusWidget() == target;
}

// When a dialog closes, a desktop's window manager activates the window it belongs to; the
// offscreen platform has none: do what it would (the focus inside the window is the app's).
void backTo(QWidget* window)
{
    if (!QTest::qWaitFor([window] { return QApplication::activeWindow() == window; }, 200)) {
        window->activateWindow();
        if (!QTest::qWaitForWindowActive(window))
            qWarning("the window did not become active again");
    }
}

template <typename D> D* waitForActive(QWidget* parent)
{
    D* found = nullptr;
    const bool active = QTest::qWaitFor([&] {
        found = nullptr;
        for (D* candidate : parent->findChildren<D*>()) {
            if (candidate->isVisible())
                found = candidate;
        }
        return found && QApplication::activeWindow() == found;
    });
    return active ? found : nullptr;
}

} // namespace

class TestKeyboard final : public QObject {
    Q_OBJECT

private slots:
    void mnemonicsAreUnique_data()
    {
        QTest::addColumn<QString>("window");
        for (const QString& name : Catalog::names())
            QTest::newRow(qPrintable(name)) << name;
    }

    void mnemonicsAreUnique()
    {
        QFETCH(QString, window);
        Catalog catalog;
        QWidget* shown = catalog.open(window);
        QVERIFY(shown);
        const QStringList clashes = mnemonicClashes(shown);
        QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(u"; ")));
    }

    void mnemonicsOfTheMainWindowWhileSearching()
    {
        Catalog catalog;
        auto* window = qobject_cast<MainWindow*>(catalog.open(QStringLiteral("MainWindow")));
        QVERIFY(window);
        window->secretsPage()->searchField()->setText(QStringLiteral("no such secret"));
        QVERIFY(window->findChild<QWidget*>(QStringLiteral("clearSearchButton"))->isVisible());
        const QStringList clashes = mnemonicClashes(window);
        QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(u"; ")));
    }

    void theChecksFindMistakes()
    {
        // A clash and a Tab order against the reading order, on purpose.
        QDialog dialog;
        dialog.setObjectName(QStringLiteral("badDialog"));
        auto* layout = new QVBoxLayout(&dialog);
        auto* first = new QLineEdit(&dialog);
        auto* second = new QLineEdit(&dialog);
        auto* label = new QLabel(QStringLiteral("&Name"), &dialog);
        label->setBuddy(first);
        auto* button = new QPushButton(QStringLiteral("&Next"), &dialog);
        layout->addWidget(label);
        layout->addWidget(first);
        layout->addWidget(second);
        layout->addWidget(button);
        QWidget::setTabOrder(second, first);
        QWidget::setTabOrder(first, button);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QStringList clashes = mnemonicClashes(&dialog);
        QCOMPARE(clashes.size(), 1);
        QVERIFY(clashes.first().startsWith(QStringLiteral("Alt+n")));
        QVERIFY(clashes.first().contains(QStringLiteral("badDialog")));
        QVERIFY(!follows(rectIn(&dialog, second), rectIn(&dialog, first)));
        QVERIFY(follows(rectIn(&dialog, first), rectIn(&dialog, second)));
        QCOMPARE(mnemonicOf(QStringLiteral("Fish && &Chips")), QChar(u'c'));
        QVERIFY(mnemonicOf(QStringLiteral("R&&D")).isNull());
    }

    void enterTriggersTheDefaultButton_data()
    {
        QTest::addColumn<QString>("window");
        for (const QString& name : Catalog::dialogNames())
            QTest::newRow(qPrintable(name)) << name;
    }

    void enterTriggersTheDefaultButton()
    {
        QFETCH(QString, window);
        Catalog catalog;
        QWidget* shown = catalog.open(window);
        QVERIFY(shown);
        QList<QPushButton*> defaults;
        for (QPushButton* button : shown->findChildren<QPushButton*>()) {
            if (button->isVisible() && button->isDefault())
                defaults << button;
        }
        QCOMPARE(defaults.size(), 1);
        QPushButton* button = defaults.first();
        QVERIFY2(QApplication::focusWidget() && shown->isAncestorOf(QApplication::focusWidget()),
                 "the dialog opened without a focused control");
        QSignalSpy clicked(button, &QPushButton::clicked);
        const bool enabled = button->isEnabled(); // nothing typed yet: Save may wait for input
        press(Qt::Key_Return);
        QCOMPARE(clicked.count(), enabled ? 1 : 0);
        if (!enabled)
            QVERIFY(shown->isVisible());
    }

    void escapeRejects_data() { enterTriggersTheDefaultButton_data(); }

    void escapeRejects()
    {
        QFETCH(QString, window);
        Catalog catalog;
        auto* dialog = qobject_cast<QDialog*>(catalog.open(window));
        QVERIFY(dialog);
        press(Qt::Key_Escape);
        QVERIFY(!dialog->isVisible());
        QCOMPARE(dialog->result(), int(QDialog::Rejected));
    }

    void tabFollowsTheReadingOrder_data() { mnemonicsAreUnique_data(); }

    void tabFollowsTheReadingOrder()
    {
        QFETCH(QString, window);
        Catalog catalog;
        QWidget* shown = catalog.open(window);
        QVERIFY(shown);
        const QList<QWidget*> stops = tabStops(shown);
        QVERIFY(!stops.isEmpty());
        if (!QApplication::focusWidget() || !shown->isAncestorOf(QApplication::focusWidget()))
            press(Qt::Key_Tab); // a page on its own starts without focus, as a window may
        QWidget* start = AppWindows::controlOf(QApplication::focusWidget());
        QVERIFY2(stops.contains(start), qPrintable(QStringLiteral("starts on ") + describe(start)));

        QList<QWidget*> visited{start};
        for (int i = 0; i <= stops.size() + 1; ++i) {
            press(Qt::Key_Tab);
            QWidget* now = AppWindows::controlOf(QApplication::focusWidget());
            QVERIFY2(now && now->window() == shown, "Tab left the window");
            if (now == start)
                break;
            QVERIFY2(!visited.contains(now), qPrintable(describe(now) + QStringLiteral(" twice")));
            visited << now;
        }
        QCOMPARE(AppWindows::controlOf(QApplication::focusWidget()), start);
        for (QWidget* stop : stops)
            QVERIFY2(visited.contains(stop), qPrintable(describe(stop) + u" is never reached"_qs));

        const QList<QWidget*> forward = visited;
        // The ring read from the control that comes first on screen.
        const auto first = std::min_element(visited.begin(), visited.end(), [&](auto* a, auto* b) {
            const QRect ra = rectIn(shown, a);
            const QRect rb = rectIn(shown, b);
            return sameRow(ra, rb) ? ra.left() < rb.left() : ra.top() < rb.top();
        });
        std::rotate(visited.begin(), first, visited.end());
        for (qsizetype i = 1; i < visited.size(); ++i) {
            QVERIFY2(follows(rectIn(shown, visited[i - 1]), rectIn(shown, visited[i])),
                     qPrintable(describe(visited[i]) + QStringLiteral(" comes after ")
                                + describe(visited[i - 1])));
        }

        // Shift+Tab goes back the same way, from start (controls that Tab enabled on the way,
        // like Edit once the table selected a row, come in between).
        QList<QWidget*> back{start};
        for (int i = 0; i <= stops.size() + 4; ++i) {
            press(Qt::Key_Backtab, Qt::ShiftModifier);
            QWidget* now = AppWindows::controlOf(QApplication::focusWidget());
            if (now == start)
                break;
            if (forward.contains(now))
                back.insert(1, now);
        }
        QCOMPARE(AppWindows::controlOf(QApplication::focusWidget()), start);
        QCOMPARE(back, forward);
    }

    void addRenameDeleteByKeyboard()
    {
        Catalog catalog;
        auto* window = qobject_cast<MainWindow*>(catalog.open(QStringLiteral("MainWindow")));
        QVERIFY(window);
        SecretsPage* page = window->secretsPage();
        const auto names = [page] {
            QStringList result;
            for (int row = 0; row < page->proxy()->rowCount(); ++row)
                result << page->proxy()->index(row, 0).data().toString();
            return result;
        };
        QVERIFY2(QApplication::focusWidget() && QApplication::focusWidget()->isVisible()
                     && window->isAncestorOf(QApplication::focusWidget()),
                 "the window opened without a focused control");

        // Add: Ctrl+N, the name, Tab, the value, Tab to Save, Enter.
        press(Qt::Key_N, Qt::ControlModifier);
        auto* add = waitForActive<AddSecretDialog>(window);
        QVERIFY(add);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("nameEdit"));
        type(QStringLiteral("Keyboard secret"));
        press(Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("valueEdit"));
        const QString value = QStringLiteral("typed-by-keyboard-4c1d");
        type(value);
        QVERIFY(tabTo(add->findChild<QPushButton*>(QStringLiteral("acceptButton"))));
        QPointer<AddSecretDialog> closing = add;
        press(Qt::Key_Return);
        QTRY_VERIFY(!closing || !closing->isVisible());
        backTo(window);
        QTRY_COMPARE(names().size(), 3);
        QTRY_COMPARE(QApplication::focusWidget(), page->table());
        QCOMPARE(page->selectedSecret()->name, QStringLiteral("Keyboard secret"));

        // Rename: F2, the name is selected: type over it, Enter.
        press(Qt::Key_F2);
        auto* edit = waitForActive<EditSecretDialog>(window);
        QVERIFY(edit);
        auto* name = qobject_cast<QLineEdit*>(QApplication::focusWidget());
        QVERIFY(name);
        QCOMPARE(name->selectedText(), QStringLiteral("Keyboard secret"));
        type(QStringLiteral("Renamed by keyboard"));
        QPointer<EditSecretDialog> editing = edit;
        press(Qt::Key_Return);
        QTRY_VERIFY(!editing || !editing->isVisible());
        backTo(window);
        QTRY_VERIFY(names().contains(QStringLiteral("Renamed by keyboard")));
        QTRY_COMPARE(QApplication::focusWidget(), page->table());
        QCOMPARE(page->selectedSecret()->name, QStringLiteral("Renamed by keyboard"));

        // Delete: Delete, Tab to "Delete secret" (Cancel has the focus and is the default), Enter.
        press(Qt::Key_Delete);
        auto* remove = waitForActive<DeleteSecretDialog>(window);
        QVERIFY(remove);
        auto* cancel = remove->findChild<QPushButton*>(QStringLiteral("cancelButton"));
        QCOMPARE(QApplication::focusWidget(), cancel);
        QVERIFY(tabTo(remove->findChild<QPushButton*>(QStringLiteral("acceptButton"))));
        QPointer<DeleteSecretDialog> deleting = remove;
        press(Qt::Key_Return);
        QTRY_VERIFY(!deleting || !deleting->isVisible());
        backTo(window);
        QTRY_COMPARE(names().size(), 2);
        QVERIFY(!names().contains(QStringLiteral("Renamed by keyboard")));
        QTRY_COMPARE(QApplication::focusWidget(), page->table());
        QVERIFY(page->selectedSecret().has_value()); // the next one: Delete can go on
        QCOMPARE(GuiTestSupport::findLeak(value), QString());
    }

    void addWithCtrlEnter()
    {
        Catalog catalog;
        auto* window =
            qobject_cast<MainWindow*>(catalog.open(QStringLiteral("MainWindow (empty)")));
        QVERIFY(window);
        press(Qt::Key_N, Qt::ControlModifier);
        auto* add = waitForActive<AddSecretDialog>(window);
        QVERIFY(add);
        type(QStringLiteral("Two lines"));
        press(Qt::Key_Tab);
        type(QStringLiteral("first"));
        press(Qt::Key_Return); // a new line in the value, not Save
        QVERIFY(add->isVisible());
        type(QStringLiteral("second"));
        QPointer<AddSecretDialog> closing = add;
        press(Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY(!closing || !closing->isVisible());
        backTo(window);
        QTRY_COMPARE(window->secretsPage()->model()->rowCount(), 1);
        const Secret secret = window->secretsPage()->model()->secretAt(0);
        QCOMPARE(secret.name, QStringLiteral("Two lines"));
        QTRY_COMPARE(QApplication::focusWidget(), window->secretsPage()->table());
    }

    void tabIntoTheTableSelectsARow()
    {
        Catalog catalog;
        auto* window = qobject_cast<MainWindow*>(catalog.open(QStringLiteral("MainWindow")));
        QVERIFY(window);
        SecretsPage* page = window->secretsPage();
        QVERIFY(tabTo(page->searchField()));
        page->table()->clearSelection();
        QVERIFY(!page->editSecretAction()->isEnabled());
        QVERIFY(tabTo(page->table()));
        QVERIFY(page->selectedSecret().has_value());
        QVERIFY(page->editSecretAction()->isEnabled());
        press(Qt::Key_F2);
        auto* edit = waitForActive<EditSecretDialog>(window);
        QVERIFY(edit);
        press(Qt::Key_Escape);
        backTo(window);
        QTRY_COMPARE(QApplication::focusWidget(), page->table());
    }

    void findByKeyboard()
    {
        Catalog catalog;
        auto* window = qobject_cast<MainWindow*>(catalog.open(QStringLiteral("MainWindow")));
        QVERIFY(window);
        SecretsPage* page = window->secretsPage();
        press(Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(QApplication::focusWidget(), page->searchField());
        type(QStringLiteral("signing"));
        QCOMPARE(page->proxy()->rowCount(), 1);
        press(Qt::Key_Escape); // clears the search
        QVERIFY(page->searchField()->text().isEmpty());
        QCOMPARE(page->proxy()->rowCount(), 2);
        type(QStringLiteral("crm"));
        press(Qt::Key_Return); // to the match
        QCOMPARE(QApplication::focusWidget(), page->table());
        QCOMPARE(page->selectedSecret()->name, QStringLiteral("CRM token"));
        press(Qt::Key_F, Qt::ControlModifier);
        type(QStringLiteral("nothing like it"));
        QCOMPARE(page->proxy()->rowCount(), 0);
        // The no-match page's "Clear search", by Tab and Enter.
        QVERIFY(tabTo(window->findChild<QPushButton*>(QStringLiteral("clearSearchButton"))));
        press(Qt::Key_Return);
        QVERIFY(page->searchField()->text().isEmpty());
        QCOMPARE(QApplication::focusWidget(), page->searchField());
    }

    void lockAndUnlockByKeyboard()
    {
        Catalog catalog;
        auto* window = qobject_cast<MainWindow*>(catalog.open(QStringLiteral("MainWindow")));
        QVERIFY(window);
        QVERIFY(tabTo(window->secretsPage()->table()));
        press(Qt::Key_L, Qt::ControlModifier);
        QTRY_VERIFY(!window->store()->isOpen());
        QPushButton* unlock = window->lockedPage()->unlockButton();
        QTRY_COMPARE(QApplication::focusWidget(), unlock);
        press(Qt::Key_Return);
        auto* dialog = waitForActive<UnlockDialog>(window);
        QVERIFY(dialog);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("passwordEdit"));
        type(GuiTestSupport::password());
        press(Qt::Key_Return);
        QTRY_VERIFY(window->store()->isOpen());
        backTo(window);
        QTRY_COMPARE(window->secretsPage()->model()->rowCount(), 2);
        QTRY_COMPARE(QApplication::focusWidget(), window->secretsPage()->table());
        QCOMPARE(GuiTestSupport::findLeak(GuiTestSupport::password()), QString());
    }

    void aboutFromTheHelpMenu()
    {
        Catalog catalog;
        auto* window = qobject_cast<MainWindow*>(catalog.open(QStringLiteral("MainWindow")));
        QVERIFY(window);
        QWidget* before = QApplication::focusWidget();
        press(Qt::Key_H, Qt::AltModifier);
        QMenu* help = nullptr;
        QTRY_VERIFY((help = qobject_cast<QMenu*>(QApplication::activePopupWidget())));
        QTest::keyClick(help, Qt::Key_A); // &About Mint Config
        auto* about = waitForActive<AboutDialog>(window);
        QVERIFY(about);
        QCOMPARE(QApplication::focusWidget(), about->closeButton());
        QPointer<AboutDialog> closing = about; // deletes itself once closed
        press(Qt::Key_Escape);
        QTRY_VERIFY(!closing || !closing->isVisible());
        backTo(window);
        QCOMPARE(QApplication::focusWidget(), before);
    }
};

QTEST_MAIN(TestKeyboard)
#include "tst_keyboard.moc"
