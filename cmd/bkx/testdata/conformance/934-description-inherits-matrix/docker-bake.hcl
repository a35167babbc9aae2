group "default" {
  description = "Everything"
  targets = ["app", "tools"]
}
group "tools" {
  description = "Developer tools"
  targets = ["lint", "fmt"]
}
target "_base" {
  description = "Base description"
}
target "app" {
  inherits = ["_base"]
}
target "lint" {
  inherits = ["_base"]
  description = "Run ${upper("lint")}"
}
target "fmt" {
  name = "fmt-${lang}"
  matrix = { lang = ["go", "js"] }
  inherits = ["lint"]
  description = lang == "go" ? "gofmt" : ""
}
