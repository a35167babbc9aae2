# The test world's remote bake definition: git://127.0.0.1:9418/bkx-test/app.git
# (and, with a token, http://127.0.0.1:9480/bkx-test/app.git).
variable "TAG" {
  default = "remote"
}
variable "REGISTRY" {
  default = "localhost:5000"
}
group "default" {
  targets = ["app"]
}
target "app" {
  args = { BASE = "${REGISTRY}/bkx-test/busybox" }
  tags = ["${REGISTRY}/bkx-test/remote-app:${TAG}"]
}
target "sub" {
  inherits = ["app"]
  context  = "sub"
  tags     = ["${REGISTRY}/bkx-test/remote-sub:${TAG}"]
}
