// The data panel's sequence row: whether rows are samples as they are, a text column is read
// character by character (padded and masked, up to a length: 0 = the longest training text), or
// a window of the last N rows predicts the next row's target (the split becomes sequential).
// Recurrent layers need one of the two; a dense network can read them too, flattened.
// Edits nothing itself: emits the new SequenceSpec with the field's name (for undo).
#pragma once

#include "data/DataSpec.h"
#include "data/Schema.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QSpinBox;

namespace layerlab::widgets::panels {

class SequenceEditor : public QWidget {
    Q_OBJECT
public:
    explicit SequenceEditor(QWidget* parent = nullptr);

    void setSequence(const engine::data::SequenceSpec& sequence);
    /// The columns a character sequence can read (text and factor columns are listed first).
    void setColumns(const std::vector<engine::data::ColumnInfo>& columns);

Q_SIGNALS:
    void edited(const engine::data::SequenceSpec& sequence, const QString& field);

private:
    void emitEdited(const QString& field);
    void updateVisibility();

    engine::data::SequenceSpec m_sequence;
    bool m_updating = false;
    QComboBox* m_kind;
    QComboBox* m_column;
    QLabel* m_lengthLabel;
    QSpinBox* m_length;
};

} // namespace layerlab::widgets::panels
