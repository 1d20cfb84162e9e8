// One row per column: name, what LayerLab inferred, and combo boxes for the type, role, missing
// values, scaling and factor encoding the user wants. A change emits edited() with the whole new
// DataSpec and the field's name; the app makes it an undoable command. setColumns() redraws
// without emitting.
#pragma once

#include "data/DataSpec.h"
#include "data/Schema.h"

#include <QTableWidget>

#include <vector>

class QComboBox;
class QLineEdit;

namespace layerlab::widgets::panels {

class ColumnsEditor : public QTableWidget {
    Q_OBJECT
public:
    enum Column { Name, Inferred, Type, Role, Missing, Fill, Scaling, Encoding, Note, ColumnCount };
    explicit ColumnsEditor(QWidget* parent = nullptr);
    /// `columns`: every table column with its inferred and resolved type and role.
    void setColumns(const engine::data::DataSpec& spec, const std::vector<engine::data::ColumnInfo>& columns);
    /// The combo box of `column` for the row of `name` (tests drive it like a user).
    QComboBox* combo(const QString& name, Column column) const;
    /// The Fill cell of a column: the value the "constant" missing-value policy fills in;
    /// enabled only while that column's policy is constant.
    QLineEdit* fillEditor(const QString& name) const;
    /// The Note cell of a column as shown (why it is left out, or what to watch).
    QString note(const QString& name) const;

Q_SIGNALS:
    void edited(const engine::data::DataSpec& spec, const QString& field);

private:
    void changed(int row, Column column, int value);
    void fillChanged(int row, const QString& text);
    QComboBox* makeCombo(int row, Column column, const QStringList& labels, int current);

    engine::data::DataSpec m_spec;
    std::vector<engine::data::ColumnInfo> m_columns;
    bool m_updating = false;
};

} // namespace layerlab::widgets::panels
