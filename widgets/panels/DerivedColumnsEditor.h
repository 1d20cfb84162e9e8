// Derived columns: a list of name = formula entries, and an editor line that validates the
// formula as you type (muParser, the error pointing at its position) and previews the first
// values. Add / Update / Remove emit edited() with the new list; the app makes it undoable.
#pragma once

#include "data/DataSpec.h"
#include "data/Table.h"

#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTimer;

namespace layerlab::widgets::panels {

class DerivedColumnsEditor : public QWidget {
    Q_OBJECT
public:
    explicit DerivedColumnsEditor(QWidget* parent = nullptr);
    /// `table`: the loaded data with the derived columns that worked (for checking and preview).
    void setColumns(const std::vector<engine::data::DerivedColumn>& columns, std::shared_ptr<const engine::data::Table> table,
                    const QString& error);
    QLineEdit* nameEdit() const { return m_name; }
    QLineEdit* formulaEdit() const { return m_formula; }
    QLabel* statusLabel() const { return m_status; }
    QPushButton* addButton() const { return m_add; }
    /// Validates now instead of after the typing pause (tests).
    void validateNow();

Q_SIGNALS:
    void edited(const std::vector<layerlab::engine::data::DerivedColumn>& columns, const QString& field);

private:
    bool validate();
    /// The derived column called `name`, or -1 (the same name updates it).
    int indexOf(const std::string& name) const;
    void addOrUpdate();
    void removeCurrent();
    void showCurrent();

    std::vector<engine::data::DerivedColumn> m_columns;
    std::shared_ptr<const engine::data::Table> m_table;
    QListWidget* m_list;
    QLineEdit* m_name;
    QLineEdit* m_formula;
    QLabel* m_status;
    QLabel* m_preview;
    QLabel* m_error;
    QPushButton* m_add;
    QPushButton* m_remove;
    QTimer* m_typing;
};

} // namespace layerlab::widgets::panels
