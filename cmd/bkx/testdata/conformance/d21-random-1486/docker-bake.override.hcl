target "t_2" {
  entitlements = ["network.host", "security.insecure"]
  args = { "k-v" = REPO, A = null }
}
