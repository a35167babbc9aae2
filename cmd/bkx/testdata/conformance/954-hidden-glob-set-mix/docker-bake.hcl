group "default" { targets = ["_lint", "build"] }
target "_lint" { target = "lint" }
target "_test" { target = "test" }
target "build" { tags = ["b"] }
