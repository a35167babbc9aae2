variable "V0" {
  default = 1
}

function "fn0" {
  params = [p0, p1]
  result = p0 == "" ? "e" : p0
}

target "test" {
  shm-size = "128m"
  cache-from = [{ "type" = "inline" }]
  extra-hosts = { "my.host" = "1.2.3.4", h1 = "10.0.0.1" }
  context = format("%s:%s", V0, "tool-${V0}")
  ulimits = ["nofile=1024:2048"]
  dockerfile = "Dockerfile.dev"
}

target "app" {
  description = "db"
  no-cache-filter = ["base"]
  cache-from = [{ "type" = "gha", scope = "s" }]
  target = try("0", "fb")
  dockerfile = fn0("app-${V0}", "v1-${V0}")
  labels = { ref = target.test.dockerfile }
}

target "t_2" {

}

target "web" {
  name = "web-${replace(item, ".", "_")}"
  matrix = { item = ["x"] }
  shm-size = "1g"
  platforms = ["local", "linux/amd64", "linux/amd64"]
  network = "none"
  tags = ["img:${item}"]
}

group "g2" {
  targets = []
}
