// Instantiates a broad part of nlohmann/json for scripts/realworld.py.
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

using json = nlohmann::json;

struct Person {
  std::string name;
  int age = 0;
  std::vector<std::string> tags;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Person, name, age, tags)

int main() {
  json j = json::parse(R"({"a": [1, 2, 3], "b": {"c": "d"}, "e": 1.5, "f": null})");
  j["g"] = {1, 2, 3};
  j["h"] = json::object({{"x", true}});
  j.push_back(json::object_t::value_type("i", "j"));
  std::string s = j.dump(2);
  for (auto &[k, v] : j.items())
    s += k + v.dump();
  json p = Person{"ann", 40, {"x", "y"}};
  Person q = p.get<Person>();
  std::vector<std::uint8_t> cbor = json::to_cbor(j);
  json back = json::from_cbor(cbor);
  json patch = json::diff(j, back);
  j.merge_patch(patch);
  json flat = j.flatten();
  std::map<std::string, int> m = {{"k", 1}};
  json jm(m);
  auto it = j.find("a");
  if (it != j.end() && it->is_array())
    s += std::to_string(it->size());
  json ordered = nlohmann::ordered_json::parse("{\"z\": 1, \"a\": 2}").dump();
  return static_cast<int>(s.size() + q.name.size() + flat.size() + jm.size() + ordered.size()) & 1;
}
