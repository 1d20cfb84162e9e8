#include "ColumnsEditor.h"

#include "data/ColumnEncoder.h"
#include "style/Theme.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>

namespace layerlab::widgets::panels {

using namespace layerlab::engine::data;

namespace {
// Combo index 0 is always "default"/"auto"; the rest follow the enums' order after Auto.
const ColumnType kTypes[] = {ColumnType::Numeric, ColumnType::Boolean, ColumnType::Factor, ColumnType::Date, ColumnType::Text};
const ColumnRole kRoles[] = {ColumnRole::Input, ColumnRole::Target, ColumnRole::Ignore};
const MissingPolicy kMissing[] = {MissingPolicy::Drop, MissingPolicy::Mean, MissingPolicy::Median, MissingPolicy::MostFrequent,
                                  MissingPolicy::Constant};
const Scaling kScaling[] = {Scaling::ZScore, Scaling::MinMax, Scaling::None};
const FactorEncoding kEncodings[] = {FactorEncoding::OneHot, FactorEncoding::Embedding};

template <typename T, std::size_t N, typename F>
QStringList labels(const QString& first, const T (&values)[N], F name) {
    QStringList out{first};
    for (const T v : values) out << QString::fromUtf8(name(v));
    return out;
}
template <typename T, std::size_t N>
int indexOf(const T (&values)[N], T v) {
    for (std::size_t i = 0; i < N; ++i)
        if (values[i] == v) return static_cast<int>(i) + 1;
    return 0;
}
} // namespace

ColumnsEditor::ColumnsEditor(QWidget* parent) : QTableWidget(parent) {
    setColumnCount(ColumnCount);
    setHorizontalHeaderLabels({tr("Column"), tr("Inferred"), tr("Type"), tr("Role"), tr("Missing"), tr("Fill"), tr("Scaling"),
                               tr("Encoding"), tr("Note")});
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(true);
    verticalHeader()->hide();
    setSelectionMode(QAbstractItemView::NoSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setToolTip(tr("How each column is read and used. \"auto\" follows what LayerLab inferred."));
}

QComboBox* ColumnsEditor::makeCombo(int row, Column column, const QStringList& items, int current) {
    auto* box = new QComboBox;
    box->addItems(items);
    box->setCurrentIndex(current);
    box->setFrame(false);
    connect(box, &QComboBox::activated, this, [this, row, column](int v) { changed(row, column, v); });
    setCellWidget(row, column, box);
    return box;
}

QLineEdit* ColumnsEditor::fillEditor(const QString& name) const {
    for (int r = 0; r < rowCount(); ++r)
        if (item(r, Name) && item(r, Name)->text() == name) return qobject_cast<QLineEdit*>(cellWidget(r, Fill));
    return nullptr;
}

QComboBox* ColumnsEditor::combo(const QString& name, Column column) const {
    for (int r = 0; r < rowCount(); ++r)
        if (item(r, Name) && item(r, Name)->text() == name) return qobject_cast<QComboBox*>(cellWidget(r, column));
    return nullptr;
}

QString ColumnsEditor::note(const QString& name) const {
    for (int r = 0; r < rowCount(); ++r)
        if (item(r, Name) && item(r, Name)->text() == name && item(r, Note)) return item(r, Note)->text();
    return {};
}

void ColumnsEditor::setColumns(const DataSpec& spec, const std::vector<ColumnInfo>& columns) {
    m_updating = true;
    m_spec = spec;
    m_columns = columns;
    setRowCount(static_cast<int>(columns.size()));
    for (int r = 0; r < rowCount(); ++r) {
        const ColumnInfo& c = columns[static_cast<std::size_t>(r)];
        const QString name = QString::fromStdString(c.name);
        const ColumnOptions* o = spec.options(c.name);
        auto* nameItem = new QTableWidgetItem(name);
        setItem(r, Name, nameItem);
        QString inferred = QString::fromUtf8(typeName(c.inferred));
        if (c.distinct > 0) inferred += tr(" · %1 values").arg(c.distinct);
        setItem(r, Inferred, new QTableWidgetItem(inferred));
        const ColumnRole role = c.name == spec.target ? ColumnRole::Target : (o ? o->role : ColumnRole::Auto);
        makeCombo(r, Type, labels(tr("auto (%1)").arg(QString::fromUtf8(typeName(c.type))), kTypes, typeName),
                  o ? indexOf(kTypes, o->type) : 0);
        // Left out by the input screen: say so where the eye is (the Note column may be scrolled off).
        const QString autoRole = c.screenedOut ? (c.leak.empty() ? tr("auto (ignore: identifies rows)") : tr("auto (ignore: possible leak)"))
                                               : tr("auto (%1)").arg(QString::fromUtf8(roleName(c.role)));
        if (!c.leak.empty() || !c.identifiesRows.empty()) {
            nameItem->setForeground(style::Theme::instance().color(QStringLiteral("error")));
            nameItem->setToolTip(QString::fromStdString(c.leak.empty() ? c.identifiesRows : c.leak));
        }
        makeCombo(r, Role, labels(autoRole, kRoles, roleName),
                  indexOf(kRoles, role));
        // The defaults as this column applies them (a factor's "mean" is its most frequent level);
        // the target is neither filled nor scaled: rows without one are left out (tour finding).
        const bool isTarget = role == ColumnRole::Target;
        const auto appliedDefault = ColumnEncoder::appliedMissing(c.type, spec.missing);
        makeCombo(r, Missing, labels(tr("default (%1)").arg(QString::fromUtf8(missingName(appliedDefault))), kMissing, missingName),
                  o && o->missing ? indexOf(kMissing, *o->missing) : 0);
        cellWidget(r, Missing)->setEnabled(!isTarget);
        if (isTarget) cellWidget(r, Missing)->setToolTip(tr("Rows without a target are left out"));
        const MissingPolicy policy = o && o->missing ? *o->missing : spec.missing;
        auto* fill = new QLineEdit(o ? QString::fromStdString(o->fill) : QString());
        fill->setFrame(false);
        fill->setPlaceholderText(policy == MissingPolicy::Constant ? tr("value needed") : QString());
        fill->setToolTip(tr("The value a missing cell gets when this column's missing policy is \"constant\""));
        fill->setEnabled(policy == MissingPolicy::Constant && !isTarget);
        // Only a typed change commits: editingFinished also fires when focus leaves for any reason
        // (a rebuild of this table, the window closing), and those are not edits.
        connect(fill, &QLineEdit::editingFinished, this, [this, r, fill] {
            if (!fill->isModified()) return;
            fill->setModified(false);
            fillChanged(r, fill->text());
        });
        setCellWidget(r, Fill, fill);
        makeCombo(r, Scaling, labels(tr("default (%1)").arg(QString::fromUtf8(scalingName(spec.scaling))), kScaling, scalingName),
                  o && o->scaling ? indexOf(kScaling, *o->scaling) : 0);
        cellWidget(r, Scaling)->setEnabled(!isTarget && ColumnEncoder::isScaled(c.type));
        makeCombo(r, Encoding, labels(tr("default (%1)").arg(QString::fromUtf8(encodingName(spec.encoding))), kEncodings, encodingName),
                  o && o->encoding ? indexOf(kEncodings, *o->encoding) : 0);
        cellWidget(r, Encoding)->setEnabled(c.type == ColumnType::Factor && !isTarget);
        QString note = QString::fromStdString(c.why);
        if (c.booleanCandidate && c.type != ColumnType::Boolean)
            note = tr("two values (%1 / %2): set type boolean to use it as yes/no")
                       .arg(QString::fromStdString(c.trueValue), QString::fromStdString(c.falseValue));
        // The engine's input screen: a leak or a row id is left out with its reason; one the user
        // put back as an input keeps the warning.
        const bool suspect = !c.leak.empty() || !c.identifiesRows.empty();
        if (suspect && c.role == ColumnRole::Input)
            note = tr("kept as an input, but %1: %2")
                       .arg(c.leak.empty() ? tr("it identifies rows") : tr("possible target leak"),
                            QString::fromStdString(c.leak.empty() ? c.identifiesRows : c.leak));
        auto* item = new QTableWidgetItem(note);
        if (suspect) {
            item->setForeground(style::Theme::instance().color(QStringLiteral("error")));
            item->setToolTip(note + tr("\nSet the role to \"input\" to use it anyway."));
        }
        setItem(r, Note, item);
    }
    m_updating = false;
}

void ColumnsEditor::fillChanged(int row, const QString& text) {
    if (m_updating || row < 0 || row >= static_cast<int>(m_columns.size())) return;
    const std::string& name = m_columns[static_cast<std::size_t>(row)].name;
    const ColumnOptions* old = m_spec.options(name);
    if ((old ? old->fill : std::string()) == text.toStdString()) return; // focus left without an edit
    DataSpec spec = m_spec;
    spec.optionsFor(name).fill = text.toStdString();
    Q_EMIT edited(spec, tr("fill value of %1").arg(QString::fromStdString(name)));
}

void ColumnsEditor::changed(int row, Column column, int value) {
    if (m_updating || row < 0 || row >= static_cast<int>(m_columns.size())) return;
    DataSpec spec = m_spec;
    const std::string& name = m_columns[static_cast<std::size_t>(row)].name;
    // Explicit per-column roles replace a CLI-style input list, so the edit means what it shows.
    if (column == Role && !spec.inputs.empty()) {
        for (const ColumnInfo& c : m_columns)
            if (c.name != spec.target) spec.optionsFor(c.name).role = c.role == ColumnRole::Input ? ColumnRole::Input : ColumnRole::Ignore;
        spec.inputs.clear();
    }
    ColumnOptions& o = spec.optionsFor(name);
    QString field;
    switch (column) {
    case Type:
        o.type = value == 0 ? ColumnType::Auto : kTypes[value - 1];
        field = tr("type of %1");
        break;
    case Role: {
        const ColumnRole role = value == 0 ? ColumnRole::Auto : kRoles[value - 1];
        if (role == ColumnRole::Target) {
            spec.target = name;
            o.role = ColumnRole::Auto;
        } else {
            if (spec.target == name) spec.target.clear();
            o.role = role;
        }
        field = tr("role of %1");
        break;
    }
    case Missing:
        o.missing = value == 0 ? std::nullopt : std::optional(kMissing[value - 1]);
        field = tr("missing values of %1");
        if (o.missing == MissingPolicy::Constant && o.fill.empty())
            if (auto* fill = qobject_cast<QLineEdit*>(cellWidget(row, Fill))) {
                fill->setEnabled(true); // the value is asked for at once, not found missing at Train
                fill->setPlaceholderText(tr("value needed"));
                fill->setFocus();
            }
        break;
    case Scaling:
        o.scaling = value == 0 ? std::nullopt : std::optional(kScaling[value - 1]);
        field = tr("scaling of %1");
        break;
    case Encoding:
        o.encoding = value == 0 ? std::nullopt : std::optional(kEncodings[value - 1]);
        field = tr("encoding of %1");
        break;
    case Name:
    case Inferred:
    case Fill: // a text cell, see fillChanged
    case Note:
    case ColumnCount: return; // not editable through a combo
    }
    Q_EMIT edited(spec, field.arg(QString::fromStdString(name)));
}

} // namespace layerlab::widgets::panels
