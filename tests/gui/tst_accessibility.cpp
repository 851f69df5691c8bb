// What assistive technology sees, through QAccessible as a screen reader asks it: every control
// that Tab can reach in every dialog and page has a name (from its label, its text or an
// explicit accessible name), the table announces the masked value as "hidden value", and no
// accessible text anywhere (cells, fields, password fields) carries a secret value.

#include "AppWindows.h"

#include <QAccessible>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using AppWindows::Catalog;
using AppWindows::describe;

namespace {

// Name, description, value and help of iface and everything below it.
void collectTexts(QAccessibleInterface* iface, QStringList& texts, int depth = 0)
{
    if (!iface || !iface->isValid() || depth > 40)
        return;
    for (const auto kind :
         {QAccessible::Name, QAccessible::Description, QAccessible::Value, QAccessible::Help}) {
        texts << iface->text(kind);
    }
    if (QAccessibleTextInterface* text = iface->textInterface())
        texts << text->text(0, text->characterCount());
    for (int i = 0; i < iface->childCount(); ++i)
        collectTexts(iface->child(i), texts, depth + 1);
}

QString accessibleName(QWidget* widget)
{
    QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(widget);
    return iface ? iface->text(QAccessible::Name) : QString();
}

// The controls of window that Tab can reach but assistive technology cannot name, described;
// hidden ones too (the Reload button, a page's other states): they show later.
QStringList unnamedControls(QWidget* window, int* checked = nullptr)
{
    QStringList unnamed;
    for (QWidget* widget : window->findChildren<QWidget*>()) {
        if (!(widget->focusPolicy() & Qt::TabFocus) || AppWindows::isInternalPart(widget)
            || widget->window() != window)
            continue;
        if (checked)
            ++*checked;
        const QString name = accessibleName(widget);
        if (name.trimmed().isEmpty())
            unnamed << describe(widget);
        else if (name.contains(u'&'))
            unnamed << describe(widget) + QStringLiteral(": mnemonic marker in \"%1\"").arg(name);
    }
    return unnamed;
}

} // namespace

class TestAccessibility final : public QObject {
    Q_OBJECT

private slots:
    void everyControlHasAnAccessibleName_data()
    {
        QTest::addColumn<QString>("window");
        for (const QString& name : Catalog::names())
            QTest::newRow(qPrintable(name)) << name;
    }

    void everyControlHasAnAccessibleName()
    {
        QFETCH(QString, window);
        Catalog catalog;
        QWidget* shown = catalog.open(window);
        QVERIFY(shown);
        int checked = 0;
        const QStringList unnamed = unnamedControls(shown, &checked);
        QVERIFY2(unnamed.isEmpty(),
                 qPrintable(QStringLiteral("no accessible name: ") + unnamed.join(u"; ")));
        QVERIFY2(checked > 0, "no focusable control found");
    }

    void theWalkFindsAnUnnamedControl()
    {
        QDialog dialog;
        dialog.setObjectName(QStringLiteral("badDialog"));
        auto* layout = new QVBoxLayout(&dialog);
        auto* iconOnly = new QToolButton(&dialog);
        iconOnly->setObjectName(QStringLiteral("iconOnly"));
        iconOnly->setIcon(QIcon(QPixmap(16, 16)));
        auto* unlabelled = new QLineEdit(&dialog);
        auto* labelled = new QLineEdit(&dialog);
        auto* label = new QLabel(QStringLiteral("&Name"), &dialog);
        label->setBuddy(labelled);
        for (QWidget* widget : {static_cast<QWidget*>(iconOnly), static_cast<QWidget*>(unlabelled),
                                static_cast<QWidget*>(label), static_cast<QWidget*>(labelled)})
            layout->addWidget(widget);
        iconOnly->setFocusPolicy(Qt::StrongFocus);
        dialog.show();
        const QStringList unnamed = unnamedControls(&dialog);
        QCOMPARE(unnamed.size(), 2);
        QVERIFY(unnamed.first().contains(QStringLiteral("QToolButton \"iconOnly\"")));
        QVERIFY(unnamed.first().contains(QStringLiteral("in QDialog \"badDialog\"")));
        QVERIFY(unnamed.last().startsWith(QStringLiteral("QLineEdit")));
        QCOMPARE(accessibleName(labelled), QStringLiteral("Name")); // from the buddy label
    }

    void iconButtonsAreNamedAndDescribed()
    {
        // The table's row actions and the generator have short visible texts: their accessible
        // names say what they act on.
        Catalog catalog;
        auto* window = qobject_cast<MainWindow*>(catalog.open(QStringLiteral("MainWindow")));
        QVERIFY(window);
        const auto button = [window](const char* name) {
            return window->findChild<QWidget*>(QString::fromLatin1(name));
        };
        QCOMPARE(accessibleName(button("editButton")), tr("Edit the selected secret"));
        QCOMPARE(accessibleName(button("deleteButton")), tr("Delete the selected secret"));
        QCOMPARE(accessibleName(window->secretsPage()->searchField()), tr("Search secrets"));
        QCOMPARE(accessibleName(window->secretsPage()->table()), tr("Secrets"));
    }

    void tableAnnouncesTheMaskAsHiddenValue()
    {
        Catalog catalog;
        auto* window = qobject_cast<MainWindow*>(catalog.open(QStringLiteral("MainWindow")));
        QVERIFY(window);
        QTableView* view = window->secretsPage()->table();
        QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(view);
        QVERIFY(iface);
        QAccessibleTableInterface* table = iface->tableInterface();
        QVERIFY(table);
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->columnCount(), int(SecretsTableModel::ColumnCount));

        for (int row = 0; row < table->rowCount(); ++row) {
            QAccessibleInterface* cell = table->cellAt(row, SecretsTableModel::ValueColumn);
            QVERIFY(cell);
            QCOMPARE(cell->role(), QAccessible::Cell);
            QCOMPARE(cell->text(QAccessible::Name), QStringLiteral("hidden value"));
            QVERIFY(!cell->text(QAccessible::Name).contains(SecretsTableModel::mask()));
            for (int column = 0; column < table->columnCount(); ++column) {
                QStringList texts;
                collectTexts(table->cellAt(row, column), texts);
                for (const QString& text : std::as_const(texts))
                    QVERIFY2(!text.contains(AppWindows::secretValue()), qPrintable(text));
            }
        }
        // The name column reads the name: the cells are real, not blanked.
        QStringList names{table->cellAt(0, SecretsTableModel::NameColumn)->text(QAccessible::Name),
                          table->cellAt(1, SecretsTableModel::NameColumn)->text(QAccessible::Name)};
        names.sort();
        QCOMPARE(names, (QStringList{QStringLiteral("CRM token"), QStringLiteral("Signing key")}));
        QCOMPARE(table->columnDescription(SecretsTableModel::ValueColumn), tr("Value"));
    }

    void noAccessibleTextCarriesAValue_data() { everyControlHasAnAccessibleName_data(); }

    void noAccessibleTextCarriesAValue()
    {
        QFETCH(QString, window);
        Catalog catalog;
        QWidget* shown = catalog.open(window);
        QVERIFY(shown);
        QStringList texts;
        collectTexts(QAccessible::queryAccessibleInterface(shown), texts);
        QVERIFY(texts.size() > 3);
        for (const QString& text : std::as_const(texts))
            QVERIFY2(!text.contains(AppWindows::secretValue()), qPrintable(text));
    }

    void passwordFieldsDoNotReadOutWhatWasTyped()
    {
        Catalog catalog;
        QWidget* dialog = catalog.open(QStringLiteral("UnlockDialog"));
        QVERIFY(dialog);
        auto* password = dialog->findChild<QLineEdit*>(QStringLiteral("passwordEdit"));
        QVERIFY(password);
        const QString typed = QStringLiteral("typed-password-81f3");
        QTest::keyClicks(password, typed);
        QCOMPARE(password->text(), typed);
        QStringList texts;
        collectTexts(QAccessible::queryAccessibleInterface(dialog), texts);
        for (const QString& text : std::as_const(texts))
            QVERIFY2(!text.contains(QStringLiteral("typed-password")), qPrintable(text));
        QCOMPARE(accessibleName(password), tr("Password"));
    }

    void theValueFieldSaysHowToSave()
    {
        Catalog catalog;
        QWidget* dialog = catalog.open(QStringLiteral("AddSecretDialog"));
        QVERIFY(dialog);
        QWidget* value = dialog->findChild<QWidget*>(QStringLiteral("valueEdit"));
        QVERIFY(value);
        QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(value);
        QCOMPARE(iface->text(QAccessible::Name), tr("Secret value"));
        QVERIFY(iface->text(QAccessible::Description).contains(QStringLiteral("Ctrl")));
    }
};

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
