target "default" {
  args = {
    H1 = <<EOT
backslash \n stays, quote " stays, tab	stays
dollar $${x} and percent %%{y} and lone $ and lone %
EOT
    H2 = <<-EOT
      $${a}
        %%{ b }
      EOT
  }
}
