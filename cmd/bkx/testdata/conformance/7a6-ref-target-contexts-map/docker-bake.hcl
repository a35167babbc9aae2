target "src" {
  contexts = { a = "docker-image://alpine" }
}
target "default" {
  contexts = merge(target.src.contexts, { b = "docker-image://busybox" })
}
