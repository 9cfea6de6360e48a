/**
 * A media item embedded in the body, written exactly as the media contract says:
 * `<figure data-media-asset="<asset-id>"></figure>`. The portal replaces the placeholder
 * with the rendered item (image, gallery, video, audio) from the story's media list.
 */
import { mergeAttributes, Node } from "@tiptap/core";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    mediaEmbed: {
      insertMediaEmbed: (assetId: string) => ReturnType;
    };
  }
}

export interface MediaEmbedOptions {
  /** A short label for the editor's placeholder (e.g. the asset's title). */
  describe: (assetId: string) => string;
}

export const MediaEmbed = Node.create<MediaEmbedOptions>({
  name: "mediaEmbed",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addOptions() {
    return { describe: (assetId: string) => assetId };
  },

  addAttributes() {
    return {
      assetId: {
        default: null,
        parseHTML: (element: HTMLElement) => element.getAttribute("data-media-asset"),
        renderHTML: (attributes: Record<string, unknown>) => ({
          "data-media-asset": String(attributes.assetId ?? ""),
        }),
      },
    };
  },

  parseHTML() {
    return [{ tag: "figure[data-media-asset]" }];
  },

  renderHTML({ HTMLAttributes }) {
    return ["figure", mergeAttributes(HTMLAttributes)];
  },

  addNodeView() {
    return ({ node }) => {
      const dom = document.createElement("figure");
      const assetId = String(node.attrs.assetId ?? "");
      dom.setAttribute("data-media-asset", assetId);
      dom.className = "media-embed";
      dom.contentEditable = "false";
      const label = document.createElement("span");
      label.textContent = this.options.describe(assetId);
      dom.appendChild(label);
      return { dom };
    };
  },

  addCommands() {
    return {
      insertMediaEmbed:
        (assetId: string) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs: { assetId } }),
    };
  },
});
