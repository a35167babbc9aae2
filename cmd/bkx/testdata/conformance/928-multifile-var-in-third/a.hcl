target "app" {
  tags = ["${REGISTRY}/app:${VERSION}"]
  args = { CHANNEL = CHANNEL, BUILD = BUILD_NUMBER + 1 }
  platforms = PLATFORMS
}
group "default" { targets = ["app", "tool"] }
