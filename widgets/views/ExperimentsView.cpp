#include "ExperimentsView.h"

#include "style/Theme.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

namespace layerlab::widgets::views {

namespace {
constexpr int kColumns = 4;
const QStringList kHeaders{QObject::tr("Trial"), QObject::tr("State"), QObject::tr("Epochs"), QObject::tr("Best epoch"),
                           QObject::tr("Best val loss"), QObject::tr("Val metric"), QObject::tr("Seconds")};
} // namespace

ExperimentsView::ExperimentsView(const QStringList& parameters, QWidget* parent)
    : QWidget(parent), m_parameter(new QComboBox), m_values(new QLineEdit), m_parallel(new QSpinBox), m_run(new QPushButton(tr("&Run sweep"))),
      m_pause(new QPushButton(tr("&Pause all"))), m_kill(new QPushButton(tr("&Kill selected"))), m_message(new QLabel), m_grid(new QGridLayout),
      m_table(new QTableWidget) {
    m_parameter->addItems(parameters);
    m_parameter->setObjectName(QStringLiteral("sweepParameter"));
    m_values->setPlaceholderText(tr("values: 0.001, 0.01, 0.1"));
    m_values->setObjectName(QStringLiteral("sweepValues"));
    m_values->setToolTip(tr("One trial per value, separated by commas or spaces; everything else as the project says"));
    m_parallel->setRange(1, 64);
    m_parallel->setValue(std::max(1, QThread::idealThreadCount()));
    m_parallel->setPrefix(tr("at once: "));
    m_parallel->setToolTip(tr("Trials run at the same time, each on its own thread; the rest wait"));
    m_parallel->setObjectName(QStringLiteral("sweepParallel"));
    m_pause->setCheckable(true);
    m_pause->setEnabled(false);
    m_kill->setEnabled(false);
    m_message->setWordWrap(true);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Vary")));
    bar->addWidget(m_parameter);
    bar->addWidget(m_values, 1);
    bar->addWidget(m_parallel);
    bar->addWidget(m_run);
    bar->addWidget(m_pause);
    bar->addWidget(m_kill);
    auto* tiles = new QWidget;
    tiles->setLayout(m_grid);
    auto* scroll = new QScrollArea;
    scroll->setWidget(tiles);
    scroll->setWidgetResizable(true);
    m_table->setColumnCount(int(kHeaders.size()));
    m_table->setHorizontalHeaderLabels(kHeaders);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setObjectName(QStringLiteral("sweepTable"));
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(scroll);
    split->addWidget(m_table);
    split->setStretchFactor(0, 3); // the tiles are what a sweep is watched by
    split->setStretchFactor(1, 1);
    split->setSizes({420, 160});
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_message);
    auto* legend = new QLabel(tr("Tiles: <span style='color:%1'>━ training loss</span>  <span style='color:%2'>━ validation loss</span>, "
                                 "on the tile's own scale; ★ the lowest validation loss. Click a tile or a row to select a trial.")
                                  .arg(style::Theme::instance().color(QStringLiteral("weightNegative")).name(),
                                       style::Theme::instance().color(QStringLiteral("warning")).name()));
    legend->setObjectName(QStringLiteral("sweepLegend"));
    layout->addWidget(legend);
    layout->addWidget(split, 1);
    connect(m_run, &QPushButton::clicked, this, [this] { Q_EMIT startRequested(m_parameter->currentIndex(), m_values->text(), m_parallel->value()); });
    connect(m_values, &QLineEdit::returnPressed, m_run, &QPushButton::click);
    connect(m_pause, &QPushButton::toggled, this, &ExperimentsView::pauseToggled);
    connect(m_kill, &QPushButton::clicked, this, [this] {
        if (m_selected >= 0) Q_EMIT killRequested(m_selected);
    });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        const auto rows = m_table->selectionModel()->selectedRows();
        if (!rows.isEmpty()) select(m_table->item(rows.first().row(), 0)->data(Qt::UserRole).toInt());
    });
}

void ExperimentsView::setMessage(const QString& text) { m_message->setText(text); }

void ExperimentsView::setMetricName(const QString& name) {
    m_table->setHorizontalHeaderItem(5, new QTableWidgetItem(name.isEmpty() ? kHeaders[5] : tr("Val %1").arg(name)));
}

void ExperimentsView::select(int trial) {
    m_selected = trial;
    for (std::size_t i = 0; i < m_tiles.size(); ++i) m_tiles[i]->setSelected(int(i) == trial);
    for (int r = 0; r < m_table->rowCount(); ++r)
        if (m_table->item(r, 0) && m_table->item(r, 0)->data(Qt::UserRole).toInt() == trial && !m_table->item(r, 0)->isSelected())
            m_table->selectRow(r);
}

void ExperimentsView::setTrials(const std::vector<TrialSummary>& trials, const std::vector<QStringList>& rows, bool running) {
    while (m_tiles.size() > trials.size()) {
        delete m_tiles.back();
        m_tiles.pop_back();
    }
    while (m_tiles.size() < trials.size()) {
        auto* t = new TrialTile;
        const int index = int(m_tiles.size());
        connect(t, &TrialTile::clicked, this, [this, index] { select(index); });
        m_grid->addWidget(t, index / kColumns, index % kColumns);
        m_tiles.push_back(t);
    }
    for (std::size_t i = 0; i < trials.size(); ++i) m_tiles[i]->setSummary(trials[i]);
    // The table keeps the user's sort: rows are refilled in place, sorting off while they are.
    m_table->setSortingEnabled(false);
    m_table->setRowCount(int(rows.size()));
    for (int r = 0; r < int(rows.size()); ++r)
        for (int c = 0; c < int(kHeaders.size()) && c < rows[std::size_t(r)].size(); ++c) {
            auto* item = new QTableWidgetItem;
            bool number = false;
            const double v = rows[std::size_t(r)][c].toDouble(&number);
            if (number && c > 0) item->setData(Qt::DisplayRole, v); // numbers sort as numbers
            else item->setText(rows[std::size_t(r)][c]);
            item->setData(Qt::UserRole, r);
            m_table->setItem(r, c, item);
        }
    m_table->setSortingEnabled(true);
    m_run->setEnabled(!running);
    m_pause->setEnabled(running);
    m_kill->setEnabled(running);
    if (!running && m_pause->isChecked()) {
        const QSignalBlocker quiet(m_pause);
        m_pause->setChecked(false);
    }
    if (m_selected >= int(trials.size())) m_selected = -1;
    select(m_selected);
}

} // namespace layerlab::widgets::views
