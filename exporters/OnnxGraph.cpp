#include "OnnxGraph.h"

namespace layerlab::exporters {
namespace {

void setShape(onnx::ValueInfoProto& v, OnnxGraph::Type type, std::int64_t width) {
    auto* tensor = v.mutable_type()->mutable_tensor_type();
    tensor->set_elem_type(type);
    auto* shape = tensor->mutable_shape();
    shape->add_dim()->set_dim_param("N");
    if (width > 0) shape->add_dim()->set_dim_value(width);
}

} // namespace

std::string OnnxGraph::fresh(const std::string& hint) {
    std::string name;
    do {
        name = hint + "_" + std::to_string(++m_counter);
    } while (!m_names.insert(name).second);
    return name;
}

void OnnxGraph::input(const std::string& name, Type type, std::int64_t width) {
    auto* v = m_graph.add_input();
    v->set_name(name);
    setShape(*v, type, width);
}

void OnnxGraph::output(const std::string& name, const std::string& value, Type type, std::int64_t width) {
    node("Identity", {value}, name).set_output(0, name); // the name was reserved; the fresh one is unused
    auto* v = m_graph.add_output();
    v->set_name(name);
    setShape(*v, type, width);
}

std::string OnnxGraph::floats(const std::string& hint, std::vector<std::int64_t> dims, const std::vector<float>& values) {
    auto* t = m_graph.add_initializer();
    t->set_name(fresh(hint));
    t->set_data_type(kFloat);
    for (const auto d : dims) t->add_dims(d);
    t->mutable_float_data()->Add(values.begin(), values.end());
    return t->name();
}

std::string OnnxGraph::int64s(const std::string& hint, std::vector<std::int64_t> dims, const std::vector<std::int64_t>& values) {
    auto* t = m_graph.add_initializer();
    t->set_name(fresh(hint));
    t->set_data_type(kInt64);
    for (const auto d : dims) t->add_dims(d);
    t->mutable_int64_data()->Add(values.begin(), values.end());
    return t->name();
}

onnx::NodeProto& OnnxGraph::node(const std::string& op, std::initializer_list<std::string> inputs, const std::string& hint,
                                 const std::string& domain) {
    return node(op, std::vector<std::string>(inputs), hint, domain);
}

onnx::NodeProto& OnnxGraph::node(const std::string& op, const std::vector<std::string>& inputs, const std::string& hint,
                                 const std::string& domain) {
    auto* n = m_graph.add_node();
    n->set_op_type(op);
    if (!domain.empty()) n->set_domain(domain);
    for (const auto& in : inputs) n->add_input(in);
    n->add_output(fresh(hint));
    n->set_name(n->output(0));
    return *n;
}

void OnnxGraph::attr(onnx::NodeProto& n, const std::string& name, std::int64_t value) {
    auto* a = n.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto_AttributeType_INT);
    a->set_i(value);
}

void OnnxGraph::attr(onnx::NodeProto& n, const std::string& name, float value) {
    auto* a = n.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto_AttributeType_FLOAT);
    a->set_f(value);
}

void OnnxGraph::attr(onnx::NodeProto& n, const std::string& name, const std::string& value) {
    auto* a = n.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto_AttributeType_STRING);
    a->set_s(value);
}

void OnnxGraph::attr(onnx::NodeProto& n, const std::string& name, const std::vector<std::int64_t>& values) {
    auto* a = n.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto_AttributeType_INTS);
    a->mutable_ints()->Add(values.begin(), values.end());
}

void OnnxGraph::attr(onnx::NodeProto& n, const std::string& name, const std::vector<float>& values) {
    auto* a = n.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto_AttributeType_FLOATS);
    a->mutable_floats()->Add(values.begin(), values.end());
}

void OnnxGraph::attr(onnx::NodeProto& n, const std::string& name, const std::vector<std::string>& values) {
    auto* a = n.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto_AttributeType_STRINGS);
    for (const auto& v : values) a->add_strings(v);
}

} // namespace layerlab::exporters
