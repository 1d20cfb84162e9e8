// The data panel: the file and its loading progress (with cancel), defaults for missing values,
// scaling and factor encoding, the sequence input (SequenceEditor), and three tabs: the columns (type and role per column), a
// virtualized preview of the rows, and the derived-columns editor. It edits nothing itself:
// every change is emitted as a new DataSpec with the field's name.
#pragma once

#include "data/DataSpec.h"
#include "data/Schema.h"
#include "data/Table.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class QTabWidget;

namespace layerlab::widgets::panels {

class ColumnsEditor;
class DerivedColumnsEditor;
class SequenceEditor;
class TablePreviewModel;

class DataPanel : public QWidget {
    Q_OBJECT
public:
    explicit DataPanel(QWidget* parent = nullptr);

    void setSpec(const engine::data::DataSpec& spec);
    /// The analysed table (raw + derived columns) and its columns; `summary` is one line.
    void setAnalysis(std::shared_ptr<const engine::data::Table> table, const std::vector<engine::data::ColumnInfo>& columns,
                     const QString& derivedError, const QString& summary);
    /// percent < 0 hides the progress bar.
    void setLoading(int percent);

    ColumnsEditor* columns() const { return m_columns; }
    DerivedColumnsEditor* derived() const { return m_derived; }
    QTableView* preview() const { return m_preview; }
    TablePreviewModel* previewModel() const { return m_model; }

Q_SIGNALS:
    void openRequested();
    void cancelRequested();
    void edited(const engine::data::DataSpec& spec, const QString& field);
    /// A preview row was clicked: its table row (the canvas shows its activations).
    void rowChosen(int row);

private:
    QWidget* buildDefaults();
    void emitDefaults(const QString& field);

    engine::data::DataSpec m_spec;
    bool m_updating = false;
    QLabel* m_file;
    QLabel* m_summary;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    QComboBox* m_missing = nullptr;
    QComboBox* m_scaling = nullptr;
    QComboBox* m_encoding = nullptr;
    QCheckBox* m_indicators = nullptr;
    QTabWidget* m_tabs;
    ColumnsEditor* m_columns;
    QTableView* m_preview;
    TablePreviewModel* m_model;
    DerivedColumnsEditor* m_derived;
    SequenceEditor* m_sequence;
};

} // namespace layerlab::widgets::panels
