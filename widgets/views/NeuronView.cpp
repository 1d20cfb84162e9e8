#include "NeuronView.h"

#include "style/Theme.h"

#include <QHeaderView>
#include <QLabel>
#include <QPixmap>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace layerlab::widgets::views {

NeuronView::NeuronView(QWidget* parent)
    : QWidget(parent), m_title(new QLabel), m_value(new QLabel), m_map(new QLabel), m_mapCaption(new QLabel),
      m_weightsCaption(new QLabel), m_weights(new QTableWidget) {
    setObjectName(QStringLiteral("neuronView"));
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_map->setFixedSize(kMapPixels, kMapPixels);
    m_map->setAlignment(Qt::AlignCenter);
    m_mapCaption->setWordWrap(true);
    m_weightsCaption->setWordWrap(true);
    m_weights->setColumnCount(2);
    m_weights->setHorizontalHeaderLabels({tr("from"), tr("weight")});
    m_weights->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_weights->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_weights->verticalHeader()->hide();
    m_weights->verticalHeader()->setDefaultSectionSize(20);
    m_weights->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_weights->setObjectName(QStringLiteral("neuronWeights"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_value);
    layout->addWidget(m_map, 0, Qt::AlignHCenter);
    layout->addWidget(m_mapCaption);
    layout->addWidget(m_weightsCaption);
    layout->addWidget(m_weights, 1);
    clear();
}

void NeuronView::clear() { setDetail({}); }

void NeuronView::setDetail(NeuronDetail d) {
    m_detail = std::move(d);
    const auto& theme = style::Theme::instance();
    if (m_detail.layerId < 0) {
        m_title->setText(tr("Click a neuron on the canvas to see it here: its value on the sample row, its own map and its "
                            "incoming weights."));
        m_value->clear();
        m_map->clear();
        m_map->hide();
        m_shownMap = QImage();
        m_mapCaption->clear();
        m_weightsCaption->clear();
        m_weights->setRowCount(0);
        m_weights->hide();
        return;
    }
    m_title->setText(tr("<b>%1</b><br>%2").arg(m_detail.name.toHtmlEscaped(), m_detail.layer.toHtmlEscaped()));
    m_value->setText(m_detail.value ? tr("%1 on the sample row").arg(double(*m_detail.value), 0, 'g', 4)
                                    : tr("No value yet: train, or choose a sample row."));
    if (!m_detail.map.isNull()) {
        // Nearest-neighbour would show the map's cells as blocks; smooth matches the Map tab.
        m_shownMap = m_detail.map.scaled(kMapPixels, kMapPixels, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        m_map->setPixmap(QPixmap::fromImage(m_shownMap));
        m_map->show();
        m_mapCaption->setText(tr("Its output across the map's two columns, %1 (blue negative, red positive; the other "
                                 "inputs as in the Map tab's reference row)")
                                  .arg(m_detail.mapAxes.toHtmlEscaped()));
    } else {
        m_shownMap = QImage();
        m_map->hide();
        m_mapCaption->setText(m_detail.layerId == 0 ? QString()
                                                    : tr("No map: it needs two numeric inputs chosen on the Map tab, "
                                                         "\"neuron maps\" on, and a layer of at most 16 neurons."));
    }
    const auto& in = m_detail.incoming;
    m_weights->setVisible(!in.empty());
    m_weights->setRowCount(0);
    if (in.empty()) {
        m_weightsCaption->setText(m_detail.layerId == 0 ? tr("An input: no incoming weights.")
                                                        : tr("Incoming weights appear once a run is shown."));
        return;
    }
    std::vector<std::size_t> order(in.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return std::abs(in[a].weight) > std::abs(in[b].weight); });
    const std::size_t shown = std::min<std::size_t>(order.size(), kMaxWeights);
    float largest = 1e-12f;
    for (const auto& w : in) largest = std::max(largest, std::abs(w.weight));
    m_weightsCaption->setText(shown < in.size() ? tr("Incoming weights, the %1 largest of %2:").arg(shown).arg(in.size())
                                                : tr("Incoming weights, largest first:"));
    m_weights->setRowCount(int(shown));
    const QColor pos = theme.color(QStringLiteral("weightPositive")), neg = theme.color(QStringLiteral("weightNegative"));
    for (std::size_t r = 0; r < shown; ++r) {
        const auto& w = in[order[r]];
        auto* from = new QTableWidgetItem(w.from);
        auto* value = new QTableWidgetItem(QString::number(double(w.weight), 'f', 3));
        value->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        QColor tint = w.weight >= 0 ? pos : neg;
        tint.setAlphaF(0.15f + 0.6f * std::abs(w.weight) / largest); // stronger = more colour
        value->setBackground(tint);
        m_weights->setItem(int(r), 0, from);
        m_weights->setItem(int(r), 1, value);
    }
}

QString NeuronView::titleText() const { return m_title->text(); }
QString NeuronView::valueText() const { return m_value->text(); }

QStringList NeuronView::weightRows() const {
    QStringList out;
    for (int r = 0; r < m_weights->rowCount(); ++r) out << m_weights->item(r, 0)->text() + QStringLiteral(": ") + m_weights->item(r, 1)->text();
    return out;
}

} // namespace layerlab::widgets::views
