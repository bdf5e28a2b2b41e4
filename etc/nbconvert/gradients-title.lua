-- Pandoc filter for gradients.pdf (scripts/export.sh markdown).
-- Without a YAML `title`, the document's leading level-1 heading becomes the title (or a default
-- one is used), so that LaTeX's title block is printed, with the NetID author line (-M author)
-- right under it.
function Pandoc(doc)
  if doc.meta.title == nil then
    local first = doc.blocks[1]
    if first and first.t == "Header" and first.level == 1 then
      doc.meta.title = pandoc.MetaInlines(first.content)
      table.remove(doc.blocks, 1)
    else
      doc.meta.title = pandoc.MetaString("Assignment 7: gradients")
    end
  end
  return doc
end
