/** Mantine's PostCSS preset: rem() helpers and the light/dark mixins used by its components. */
module.exports = {
  plugins: {
    'postcss-preset-mantine': {},
  },
}
