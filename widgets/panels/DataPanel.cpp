#include "DataPanel.h"

#include "ColumnsEditor.h"
#include "DerivedColumnsEditor.h"
#include "SequenceEditor.h"
#include "TablePreviewModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QTabWidget>
#include <QVBoxLayout>

namespace layerlab::widgets::panels {

using namespace layerlab::engine::data;

DataPanel::DataPanel(QWidget* parent)
    : QWidget(parent), m_file(new QLabel), m_summary(new QLabel), m_progress(new QProgressBar),
      m_cancel(new QPushButton(tr("Cancel"))), m_tabs(new QTabWidget), m_columns(new ColumnsEditor),
      m_preview(new QTableView), m_model(new TablePreviewModel(this)), m_derived(new DerivedColumnsEditor),
      m_sequence(new SequenceEditor) {
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    auto* open = new QPushButton(tr("Open CSV…"));
    open->setToolTip(tr("Choose the data file (CSV, TSV, .csv.gz)"));
    m_file->setTextInteractionFlags(Qt::TextSelectableByMouse);
    top->addWidget(m_file, 1);
    top->addWidget(m_progress);
    top->addWidget(m_cancel);
    top->addWidget(open);
    layout->addLayout(top);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    layout->addWidget(buildDefaults());
    layout->addWidget(m_sequence);
    m_cancel->setToolTip(tr("Stop loading the file"));
    m_progress->setRange(0, 100);
    setLoading(-1);

    m_preview->setModel(m_model);
    // Fixed row heights keep the view from measuring 210,000 rows: it only asks for visible cells.
    m_preview->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_preview->verticalHeader()->setDefaultSectionSize(m_preview->fontMetrics().height() + 6);
    m_preview->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_preview->setToolTip(tr("The rows as read; the left header is the line in the file. Click a row to show its activations on the canvas"));
    connect(m_preview, &QTableView::clicked, this, [this](const QModelIndex& index) { Q_EMIT rowChosen(index.row()); });
    m_tabs->addTab(m_columns, tr("Columns"));
    m_tabs->addTab(m_preview, tr("Preview"));
    m_tabs->addTab(m_derived, tr("Derived columns"));
    layout->addWidget(m_tabs, 1);

    connect(open, &QPushButton::clicked, this, &DataPanel::openRequested);
    connect(m_cancel, &QPushButton::clicked, this, &DataPanel::cancelRequested);
    connect(m_columns, &ColumnsEditor::edited, this, &DataPanel::edited);
    connect(m_sequence, &SequenceEditor::edited, this, [this](const SequenceSpec& sequence, const QString& field) {
        DataSpec spec = m_spec;
        spec.sequence = sequence;
        if (sequence.kind == SequenceKind::Window) spec.split = SplitKind::Sequential; // no future in training
        Q_EMIT edited(spec, field);
    });
    connect(m_derived, &DerivedColumnsEditor::edited, this, [this](const std::vector<DerivedColumn>& columns, const QString& field) {
        DataSpec spec = m_spec;
        spec.derived = columns;
        Q_EMIT edited(spec, field);
    });
}

QWidget* DataPanel::buildDefaults() {
    auto* box = new QWidget;
    auto* row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    m_missing = new QComboBox;
    for (const auto m : {MissingPolicy::Drop, MissingPolicy::Mean, MissingPolicy::Median, MissingPolicy::MostFrequent, MissingPolicy::Constant})
        m_missing->addItem(QString::fromUtf8(missingName(m)), static_cast<int>(m));
    m_missing->setToolTip(tr("What to do with a missing cell in an input, unless the column says otherwise"));
    m_scaling = new QComboBox;
    for (const auto s : {Scaling::ZScore, Scaling::MinMax, Scaling::None}) m_scaling->addItem(QString::fromUtf8(scalingName(s)), static_cast<int>(s));
    m_scaling->setToolTip(tr("How numeric inputs are scaled (fitted on the training rows only)"));
    m_encoding = new QComboBox;
    for (const auto e : {FactorEncoding::OneHot, FactorEncoding::Embedding})
        m_encoding->addItem(QString::fromUtf8(encodingName(e)), static_cast<int>(e));
    m_encoding->setToolTip(tr("How factor columns become numbers; unseen values go to an \"unknown\" bucket"));
    m_indicators = new QCheckBox(tr("\"was missing\" inputs"));
    m_indicators->setToolTip(tr("Add a 0/1 input per column that has missing values"));
    row->addWidget(new QLabel(tr("Missing:")));
    row->addWidget(m_missing);
    row->addWidget(new QLabel(tr("Scaling:")));
    row->addWidget(m_scaling);
    row->addWidget(new QLabel(tr("Factors:")));
    row->addWidget(m_encoding);
    row->addWidget(m_indicators);
    row->addStretch(1);
    connect(m_missing, &QComboBox::activated, this, [this] { emitDefaults(tr("missing values")); });
    connect(m_scaling, &QComboBox::activated, this, [this] { emitDefaults(tr("scaling")); });
    connect(m_encoding, &QComboBox::activated, this, [this] { emitDefaults(tr("factor encoding")); });
    connect(m_indicators, &QCheckBox::toggled, this, [this] { emitDefaults(tr("missing indicators")); });
    return box;
}

void DataPanel::emitDefaults(const QString& field) {
    if (m_updating) return;
    DataSpec spec = m_spec;
    spec.missing = static_cast<MissingPolicy>(m_missing->currentData().toInt());
    spec.scaling = static_cast<Scaling>(m_scaling->currentData().toInt());
    spec.encoding = static_cast<FactorEncoding>(m_encoding->currentData().toInt());
    spec.indicators = m_indicators->isChecked();
    Q_EMIT edited(spec, field);
}

void DataPanel::setSpec(const DataSpec& spec) {
    m_updating = true;
    m_spec = spec;
    m_file->setText(spec.path.empty() ? tr("No data file") : QFileInfo(QString::fromStdString(spec.path)).fileName());
    m_file->setToolTip(QString::fromStdString(spec.path));
    m_missing->setCurrentIndex(m_missing->findData(static_cast<int>(spec.missing)));
    m_scaling->setCurrentIndex(m_scaling->findData(static_cast<int>(spec.scaling)));
    m_encoding->setCurrentIndex(m_encoding->findData(static_cast<int>(spec.encoding)));
    m_indicators->setChecked(spec.indicators);
    m_sequence->setSequence(spec.sequence);
    m_updating = false;
}

void DataPanel::setAnalysis(std::shared_ptr<const Table> table, const std::vector<ColumnInfo>& columns,
                            const QString& derivedError, const QString& summary) {
    if (m_model->table() != table.get()) m_model->setTable(table);
    m_columns->setColumns(m_spec, columns);
    m_sequence->setColumns(columns);
    m_derived->setColumns(m_spec.derived, table, derivedError);
    m_summary->setText(summary);
}

void DataPanel::setLoading(int percent) {
    m_progress->setVisible(percent >= 0);
    m_cancel->setVisible(percent >= 0);
    if (percent >= 0) m_progress->setValue(percent);
}

} // namespace layerlab::widgets::panels
