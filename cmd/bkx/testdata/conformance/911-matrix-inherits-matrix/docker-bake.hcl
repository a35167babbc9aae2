target "base" {
  name = "base-${v}"
  matrix = {
    v = [18, 20, 22]
  }
  args = {
    NODE_MAJOR = v
    LTS = v % 2 == 0
  }
  tags = ["acme/node-base:${v}"]
}
target "app" {
  name = "app-node${v}-${debug ? "debug" : "release"}"
  matrix = {
    v = [20, 22]
    debug = [true, false]
  }
  inherits = ["base-${v}"]
  args = {
    DEBUG = debug
    WEIGHT = v * 1.5
  }
  tags = ["acme/app:node${v}${debug ? "-debug" : ""}"]
}
group "default" {
  targets = ["app"]
}
