target "default" {
  cache-from = [{ type = "registry", ref = "r", n = 3, ok = false }]
  cache-to = [{ type = "local", dest = "d", compression-level = 9 }]
}
